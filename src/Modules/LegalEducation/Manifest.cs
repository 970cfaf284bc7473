using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.LegalEducation;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("LegalEducation", "普法宣传",
    [
        // First feature: the module's pages belong to it unless they say otherwise.
        new FeatureDescriptor(LegalFeatures.LegalEducation, "普法", typeof(LegalEducationStartup),
            Description: "普法文章、法律条文、以案说法、问答;草稿、发布与版本记录;公开栏目与 RSS"),
        new FeatureDescriptor(LegalFeatures.Search, "全文检索", typeof(SearchStartup), [LegalFeatures.LegalEducation],
            Description: "普法内容的中文全文检索(二元切分、标题与整词加权、命中高亮)"),
    ]);
}

public static class LegalFeatures
{
    public const string LegalEducation = "LegalEducation";
    public const string Search = "Search";
}
