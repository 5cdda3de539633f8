using Survey.Data.Database;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Database;

public sealed class MigrationNamesTests
{
    private static string[] Files() =>
        Directory.GetFiles(RepositoryPaths.Migrations).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void MigrationFiles_AllFollowThePattern()
    {
        var files = Files();
        Assert.That(files, Is.Not.Empty);
        Assert.That(files.Where(f => !MigrationNames.IsMigrationFile(f)), Is.Empty, "every file in migrations/ is NNNN_snake_case.sql");
    }

    [Test]
    public void MigrationFiles_NumbersAreUniqueAndContiguousFromOne()
    {
        var numbers = Files().Select(MigrationNames.NumberOf).ToList();
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(1, numbers.Count)));
    }

    [TestCase("0001_foundation.sql", ExpectedResult = true)]
    [TestCase("0012_add_region_index.sql", ExpectedResult = true)]
    [TestCase("001_short.sql", ExpectedResult = false)]
    [TestCase("0001-foundation.sql", ExpectedResult = false)]
    [TestCase("0001_Foundation.sql", ExpectedResult = false)]
    [TestCase("0001_foundation.SQL", ExpectedResult = false)]
    [TestCase("0001_.sql", ExpectedResult = false)]
    public bool IsMigrationFile_Name_MatchesPattern(string name) => MigrationNames.IsMigrationFile(name);
}
