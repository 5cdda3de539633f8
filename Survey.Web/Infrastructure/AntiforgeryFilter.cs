using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The anti-forgery check of every unsafe request (like MVC's AutoValidateAntiforgeryToken, and overridden by
/// <see cref="IgnoreAntiforgeryTokenAttribute"/> the same way). It is the first to read a posted form, so it also
/// tells a form beyond the size limits (value count or length, multipart or body size: 413) from a missing or
/// wrong token (400), instead of calling both a token failure.
/// </summary>
public sealed class SurveyAntiforgeryFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter, IAntiforgeryPolicy
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsEffectivePolicy<IAntiforgeryPolicy>(this) || context.Result is not null)
        {
            return;
        }

        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException exception)
        {
            context.Result = TooLarge(exception) ? new StatusCodeResult(StatusCodes.Status413PayloadTooLarge) : new AntiforgeryValidationFailedResult();
        }
    }

    private static bool TooLarge(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || Pipeline.StatusOf(e) == StatusCodes.Status413PayloadTooLarge)
            {
                return true;
            }
        }

        return false;
    }
}
