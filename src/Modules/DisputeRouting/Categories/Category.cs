namespace Zhizhi.Orchard.DisputeRouting.Categories;

/// <summary>A dispute category of the township; retired ones stay on old cases but are refused for new ones.</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public bool Retired { get; set; }

    /// <summary>The contract's list: what a new township starts with.</summary>
    public static readonly string[] Defaults =
        ["婚姻家庭", "赡养继承", "邻里纠纷", "土地/山林权属", "劳资/欠薪", "工伤", "交通事故", "医疗纠纷", "物业纠纷", "征地拆迁", "涉企纠纷", "民族事务", "其他"];
}
