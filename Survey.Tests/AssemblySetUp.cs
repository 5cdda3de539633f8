using Survey.Tests.Support;

namespace Survey.Tests;

/// <summary>Drops the databases the run created. Databases are created lazily, so unit tests need no server.</summary>
[SetUpFixture]
public sealed class AssemblySetUp
{
    [OneTimeTearDown]
    public void DropDatabases()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SURVEY_TEST_DB")))
        {
            TestDatabase.DropAll();
        }
    }
}
