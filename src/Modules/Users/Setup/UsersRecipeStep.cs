using System.Text.Json;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Setup;

/// <summary>Recipe step "users": accounts with roles, e.g. the demo staff of a township.</summary>
internal sealed class UsersRecipeStep(CreateAccount create) : IRecipeStep
{
    public string Name => "users";

    private sealed record Step(NewAccount[] Users);

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var step = context.Step.Deserialize<Step>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        foreach (var account in step?.Users ?? [])
        {
            var validation = CreateAccount.Validate(account);
            if (!validation.IsValid)
                throw new InvalidOperationException($"配方中的用户“{account.UserName}”无效:{string.Join(";", validation.Errors.SelectMany(e => e.Value))}");
            _ = await create.ExecuteAsync(account, selfRegistered: false, ct)
                ?? throw new InvalidOperationException($"配方中的用户名“{account.UserName}”重复");
        }
    }
}
