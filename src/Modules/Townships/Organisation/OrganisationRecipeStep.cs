using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Organisation;

/// <summary>
/// Recipe step "organisation": grids and people in charge for the villages already in the directory. Villages listed
/// in the step get exactly what it says; without a list every village without a tree gets its seeded number of grids
/// (at most <see cref="MaxGeneratedGrids"/>) and the usual three people, with plausible names. "firstGridWorker" puts a
/// real account (the demo's 网格员) on the first grid. Villages that already have a tree are left alone (re-runnable).
/// </summary>
internal sealed class OrganisationRecipeStep(PortalDbContext db, EditOrganisation edit) : IRecipeStep
{
    public const int MaxGeneratedGrids = 12;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "organisation";

    private sealed record VillageTree(string Name, GridRequest[]? Grids, PersonRequest[]? People);

    private sealed record Worker(string Name, string? Phone, string? UserName);

    private sealed record Step(VillageTree[]? Villages, Worker? FirstGridWorker);

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] Given = ["建国", "秀英", "伟", "丽华", "国强", "桂芳", "志明", "海燕", "德明", "美娟", "春生", "小红", "永刚", "玉兰", "立新", "淑珍", "晓峰", "爱华", "文军", "翠萍", "金林", "雪梅", "保国", "月娥"];

    private static string PersonName(int n) => Surnames[n % Surnames.Length] + Given[n * 7 % Given.Length];

    private static string Phone(int n) => $"138{(57400000 + n * 7919 % 99999):00000000}";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var step = context.Step.Deserialize<Step>(Json);
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);
        var used = (await db.Grids.Select(g => g.VillageId).ToListAsync(ct)).Concat(await db.People.Select(p => p.VillageId).ToListAsync(ct)).ToHashSet();
        var trees = step?.Villages ?? [.. villages.Select((v, i) => Generate(v.Name, v.Grids, v.Head, v.Phone, i))];
        var first = true;
        foreach (var tree in trees)
        {
            var village = villages.FirstOrDefault(v => v.Name == tree.Name)
                ?? throw new InvalidOperationException($"配方中的组织架构引用了不存在的村(社区)“{tree.Name}”");
            if (used.Contains(village.Id)) { first = false; continue; }
            foreach (var grid in tree.Grids ?? [])
            {
                var g = first && step?.FirstGridWorker is { } w ? grid with { WorkerName = w.Name, WorkerPhone = w.Phone, WorkerUserName = w.UserName } : grid;
                first = false;
                Check(EditOrganisation.Validate(g), $"{tree.Name}的网格“{g.Name}”");
                var r = await edit.AddGridAsync(village.Id, g, ct);
                if (r.Outcome != EditOrganisation.Outcome.Done) throw new InvalidOperationException($"配方中{tree.Name}的网格“{g.Name}”无法添加:{r.Message}");
            }
            foreach (var person in tree.People ?? [])
            {
                Check(EditOrganisation.Validate(person), $"{tree.Name}的负责人“{person.Name}”");
                var r = await edit.AddPersonAsync(village.Id, person, ct);
                if (r.Outcome != EditOrganisation.Outcome.Done) throw new InvalidOperationException($"配方中{tree.Name}的负责人“{person.Name}”无法添加:{r.Message}");
            }
        }
    }

    private static void Check(Http.Validation v, string what)
    {
        if (!v.IsValid) throw new InvalidOperationException($"配方中{what}无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
    }

    private static VillageTree Generate(string village, int gridCount, string? head, string? headPhone, int index)
    {
        var seed = index * 31 + 3;
        var grids = Enumerable.Range(1, Math.Clamp(gridCount, 1, MaxGeneratedGrids))
            .Select(n => new GridRequest($"第{n}网格", PersonName(seed + n), Phone(seed * 100 + n), null)).ToArray();
        PersonRequest[] people =
        [
            new(head ?? PersonName(seed), "村支书/主任", headPhone, null),
            new(PersonName(seed + 17), "调委会主任", Phone(seed * 100 + 50), null),
            new(PersonName(seed + 23), "综治专干", Phone(seed * 100 + 60), null),
        ];
        return new VillageTree(village, grids, people);
    }
}
