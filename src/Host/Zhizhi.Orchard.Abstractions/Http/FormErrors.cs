using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Zhizhi.Orchard.Http;

public static class FormErrors
{
    /// <summary>
    /// Puts the Chinese messages of a use case (keyed by camelCase JSON field, as the API reports them)
    /// beside the matching fields of a page's bound "Input" object.
    /// </summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IDictionary<string, string[]>? errors, string prefix = "Input")
    {
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var key = field.Length == 0 ? "" : prefix + "." + char.ToUpperInvariant(field[0]) + field[1..];
            foreach (var message in messages) modelState.AddModelError(key, message);
        }
    }
}
