using Zhizhi.Orchard.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddZhizhiHost(HostModules.Modules, HostModules.Themes);

var app = builder.Build();
app.UseZhizhiHost();
app.Run();

public partial class Program;
