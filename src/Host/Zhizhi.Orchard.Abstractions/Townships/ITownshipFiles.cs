namespace Zhizhi.Orchard;

/// <summary>The township's own folder under the data path (media, indexes). Nothing there is shared between townships.</summary>
public interface ITownshipFiles
{
    string Folder(Township township, string area);
}
