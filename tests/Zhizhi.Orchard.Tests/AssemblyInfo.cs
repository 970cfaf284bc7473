using Zhizhi.Orchard.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(SqliteHost))]
[assembly: AssemblyFixture(typeof(PostgresHost))]
[assembly: AssemblyFixture(typeof(InstrumentedSqliteHost))]
[assembly: AssemblyFixture(typeof(InstrumentedPostgresHost))]
