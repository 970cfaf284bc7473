using System.Security.Cryptography;

namespace Zhizhi.Orchard.Tests.Infrastructure;

public static class Names
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>A valid, unused township name: "t" and 8 random letters or digits.</summary>
    public static string Township() => "t" + Random(8);

    public static string User(string prefix = "u") => prefix + Random(8);
}
