using Zhizhi.Orchard.EndToEnd.Infrastructure;

// One host and one browser for the whole assembly; every test gets its own browser context.
[assembly: AssemblyFixture(typeof(BrowserHost))]
