using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Finds views in the feature folder of the controller (<c>Features/&lt;Feature&gt;/</c>, the last segment
/// of its namespace), so that several controllers of one feature share its folder.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor descriptor)
        {
            context.Values[Key] = descriptor.ControllerTypeInfo.Namespace?.Split('.')[^1];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Values.TryGetValue(Key, out var value) ? value : null;
        return viewLocations.Select(location => location.Replace("{feature}", feature ?? "Shared", StringComparison.Ordinal));
    }
}
