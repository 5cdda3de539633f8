using System.Diagnostics;
using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace Survey.Benchmarks;

/// <summary>
/// The floor of the raw answers export: the same number of rows and cells (an id, the period, the region, a
/// date, 24 Likert answers and three profile answers), written with the same streaming writer and options to a
/// stream that only counts bytes, with no database and no HTTP. Prints the time and this process's peak memory.
/// </summary>
internal static class XlsxFloor
{
    private static readonly string[] Leading = ["response", "period", "region", "completed_on"];

    public static async Task RunAsync(int rows)
    {
        var clock = Stopwatch.StartNew();
        var output = new CountingStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 64 * 1024 }))
        {
            await spreadsheet.StartWorksheetAsync("answers", new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 });
            var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ShortDate) });
            var header = Leading
                .Concat(Enumerable.Range(1, 24).Select(i => $"R-{i:00}"))
                .Concat(["P-AGE", "P-SEX", "P-KEC"])
                .Select(h => new Cell(h)).ToArray();
            await spreadsheet.AddRowAsync(header);
            var cells = new Cell[header.Length];
            var random = new Random(1);
            var day = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Unspecified);
            for (var row = 0; row < rows; row++)
            {
                cells[0] = new Cell(Guid.CreateVersion7().ToString());
                cells[1] = new Cell("2026-S2");
                cells[2] = new Cell((1101 + (row / 1000)).ToString(CultureInfo.InvariantCulture));
                cells[3] = new Cell(day.AddDays(row % 90), date);
                for (var i = 0; i < 24; i++)
                {
                    cells[4 + i] = new Cell(random.Next(1, 6));
                }

                cells[28] = new Cell("25-34");
                cells[29] = new Cell("P");
                cells[30] = new Cell("Kecamatan");
                await spreadsheet.AddRowAsync(cells);
            }

            await spreadsheet.FinishAsync();
        }

        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| floor: the same cells written by the same streaming writer, no database, no HTTP | {rows} rows | {output.Length / 1024 / 1024} MB | {clock.Elapsed.TotalSeconds:0.0} s | peak memory of the process {long.Parse(peak, CultureInfo.InvariantCulture) / 1024} MB |"));
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Position += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
