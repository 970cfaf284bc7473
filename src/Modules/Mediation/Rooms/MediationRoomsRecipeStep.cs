using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.Mediation.Rooms;

/// <summary>
/// Recipe step "mediation-rooms": creates rooms and brand studios. The step may list its own under "rooms"
/// (the shape of POST /api/mediation/rooms); without them it creates the examples from the seeds.
/// Rooms whose name already exists are left alone, so running the step twice adds nothing.
/// </summary>
internal sealed class MediationRoomsRecipeStep(CreateRoom create, MediationDbContext db) : IRecipeStep
{
    public string Name => "mediation-rooms";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var rooms = context.Step.TryGetProperty("rooms", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<RoomRequest[]>(Json) ?? []
            : DemoRooms.All;
        var existing = (await db.Rooms.Select(r => r.Name).ToListAsync(ct)).ToHashSet();
        foreach (var room in rooms)
        {
            var v = CreateRoom.Validate(room);
            if (!v.IsValid) throw new InvalidOperationException($"调解室“{room.Name}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            if (existing.Add(room.Name!.Trim())) await create.ExecuteAsync(room, ct);
        }
    }
}

/// <summary>Rooms and studios drawn from the seed reports (see the domain notes, "Mediation rooms and brands").</summary>
internal static class DemoRooms
{
    private static OpeningHoursRequest[] Weekdays() => [.. Enumerable.Range(1, 5).Select(d => new OpeningHoursRequest(d, "09:00", "17:00"))];

    public static RoomRequest[] All =>
    [
        new("油茶屋调解室",
            "“玉溪油茶屋调解室”:乡亲们围着火塘喝一碗油茶,把心里话说开。一起屋瓦纠纷在这里不到一个小时就化解了,赔偿 400 元,两家握手言和。",
            "镇综治中心一楼油茶屋", ["邻里纠纷", "土地/山林权属", "赡养继承", "其他"], 60, Weekdays(),
            Mediators: [new("李大姐", "乡贤"), new("王调解员", "专职")]),
        new("邓火坚调解工作室",
            "以金牌调解员邓火坚命名的个人调解工作室:自 2019 年以来受理纠纷 577 件,调解成功率 98%。“小事不出村、大事不出镇、矛盾不上交”。",
            "镇司法所二楼", ["邻里纠纷", "劳资/欠薪", "土地/山林权属", "婚姻家庭"], 60, Weekdays(),
            Mediators: [new("邓火坚", "专职"), new("陈律师", "律师")]),
        new("婚姻家庭调解室",
            "“爱不释手”婚姻家庭调解室:为夫妻、婆媳、赡养纠纷提供私密、温和的调解空间,能劝和的劝和,不能劝和的好聚好散。",
            "镇妇联办公楼一楼", ["婚姻家庭", "赡养继承"], 60, Weekdays(),
            Mediators: [new("张大姐", "兼职"), new("刘老师", "特邀")]),
        new("交通事故调解室",
            "警调对接的交通事故调解室:交警、保险与人民调解员同室办公,事故赔偿当场算清、当场调解。",
            "镇派出所交警中队旁", ["交通事故", "工伤"], 60, Weekdays(),
            Mediators: [new("赵调解员", "专职"), new("孙律师", "律师")]),
    ];
}
