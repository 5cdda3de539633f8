namespace Survey.Web.Infrastructure;

/// <summary>The methodology version shown where no period says otherwise (<c>Survey:DefaultMethodology</c>, default <c>v1</c>).</summary>
public static class MethodologyDefaults
{
    public static string Version(IConfiguration configuration) =>
        configuration?["Survey:DefaultMethodology"] is { Length: > 0 } version ? version : "v1";
}
