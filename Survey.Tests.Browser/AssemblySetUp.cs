using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>Drops the databases the browser tests created.</summary>
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
