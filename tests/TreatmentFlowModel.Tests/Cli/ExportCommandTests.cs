using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TreatmentFlowModel.Cli;
using static TreatmentFlowModel.Tests.Cli.TfmRun;

namespace TreatmentFlowModel.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    private string RunFolder()
    {
        string scenario = Path.Combine(_dir, "small.json");
        File.WriteAllText(scenario, """{ "Name": "small", "Areas": ["Lambeth", "Bristol"], "Start": "1998-04-01", "End": "2005-03-31", "Replicates": 4 }""");
        string outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, Tfm("run", scenario, "--out", outDir, "--quiet", "--threads", "2").Code);
        return outDir;
    }

    /// <summary>Every sheet's rows as text, read back with the Open XML SDK.</summary>
    private static Dictionary<string, List<List<(string Text, bool Number)>>> ReadBack(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = new Dictionary<string, List<List<(string, bool)>>>();
        foreach (var sheet in workbook.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>()
                .Select(c => c.DataType?.Value == CellValues.Number ? (c.CellValue!.Text, true) : (c.InlineString?.InnerText ?? "", false)).ToList())];
        }
        return sheets;
    }

    [Fact]
    public void ExportXlsx_WritesOneSheetPerCsv_ThatReadsBackCellForCell_NumbersAsNumbersAndPeriodsAsText()
    {
        string folder = RunFolder();
        var (code, stdout, stderr) = Tfm("export", folder, "--xlsx");
        Assert.True(code == 0, stderr);
        string workbook = Path.Combine(folder, ExportCommand.DefaultWorkbook);
        Assert.Equal($"Wrote {workbook}: sheets codebook, targets, gaps, annual, weekly, monthly, quarterly.\n", stdout.ReplaceLineEndings("\n"));

        var sheets = ReadBack(workbook);
        Assert.Equal(["codebook", "targets", "gaps", "annual", "weekly", "monthly", "quarterly"], sheets.Keys);
        var csv = File.ReadAllLines(Path.Combine(folder, "annual.csv"));
        var annual = sheets["annual"];
        Assert.Equal(csv.Length, annual.Count);
        Assert.Equal(csv[0].Split(','), annual[0].Select(c => c.Text));
        var row = annual.First(r => r[2].Text == "2 DATs" && r[4].Text == "participation" && r[0].Text == "FY2004-05");
        Assert.False(row[0].Number); // FY2004-05 stays text
        Assert.True(row[1].Number && row[1].Text == "2004");
        string line = csv.First(l => l.StartsWith("FY2004-05,2004,2 DATs,all,participation,", StringComparison.Ordinal));
        Assert.Equal(double.Parse(line.Split(',')[5], CultureInfo.InvariantCulture), double.Parse(row[5].Text, CultureInfo.InvariantCulture));
        Assert.True(row[5].Number);
    }

    [Fact]
    public void ExportXlsx_RefusesWhatItCannotDo_WithExitCode2()
    {
        string folder = RunFolder();
        Assert.Equal((2, "tfm: export: choose a format: --xlsx (an Excel workbook)\n"), (Tfm("export", folder).Code, Tfm("export", folder).Err.ReplaceLineEndings("\n")));
        string missing = Path.Combine(_dir, "nothing");
        Assert.Equal($"tfm: folder = '{missing}': not found; give an output folder of 'tfm run' or 'tfm compare'\n", Tfm("export", missing, "--xlsx").Err.ReplaceLineEndings("\n"));
        Assert.Equal(0, Tfm("export", folder, "--xlsx").Code);
        var (code, _, err) = Tfm("export", folder, "--xlsx");
        Assert.Equal(2, code);
        Assert.Contains("the file exists; choose another with --out or replace it with --force", err);
        Assert.Equal(0, Tfm("export", folder, "--xlsx", "--force").Code);
        Assert.Empty(Directory.GetFiles(folder, ".results.xlsx.tmp-*"));
        // A folder as --out is refused before any work, as for every command that writes one file.
        string aFolder = Directory.CreateDirectory(Path.Combine(_dir, "a-folder")).FullName;
        var refused = Tfm("export", folder, "--xlsx", "--out", aFolder, "--force");
        Assert.Equal((2, $"tfm: --out = '{aFolder}': is a folder; give the name of the workbook to write\n"), (refused.Code, refused.Err.ReplaceLineEndings("\n")));
        Assert.Empty(Directory.GetFiles(_dir, ".a-folder*"));
    }
}
