using Microsoft.AspNetCore.Mvc;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The base of every JSON API controller under <c>/api/v1</c>: problem-details errors, JSON only, and
/// bearer tokens as the only credential (cookies are not honoured on the API, so a cross-site form cannot
/// ride on a browser session, which is why no anti-forgery token is needed here).
/// </summary>
[ApiController]
[Produces("application/json")]
[IgnoreAntiforgeryToken]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>422 with per-field errors as problem details.</summary>
    protected static ObjectResult Unprocessable(IDictionary<string, string[]> errors) =>
        new(new ValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity })
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
            ContentTypes = { "application/problem+json" },
        };
}
