using System.Text;
using TreatmentFlowModel.Cli;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Fuzzing the scenario loader: random mutations of the shipped scenarios and data files must either load and
/// validate, or fail with exit code 2 and a message; never an unhandled exception. CI runs a bounded number of
/// cases from a fixed seed; set FUZZ_CASES (and FUZZ_SEED) to run more (not TFM_ variables: those are scenario overrides).
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class FuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Fragments =
        ["{", "}", "[", "]", "\"", ",", ":", "-", "0", "1e308", "-1", "NaN", "Infinity", "null", "true", "\"abc\"", "1e12", "0.5", "//", "/*", "é", "\u0000", "\t", "\n", "2003-02-30", "\"Extends\": \"x.json\",", "\"Data\": { \"Areas\": \"../../x.csv\" },"];

    private static string Mutate(string text, System.Random rng)
    {
        var s = new StringBuilder(text);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && s.Length > 0; e++)
        {
            int at = rng.Next(s.Length);
            switch (rng.Next(6))
            {
                case 0: s.Remove(at, Math.Min(s.Length - at, 1 + rng.Next(20))); break;                     // delete a run
                case 1: s.Insert(at, Fragments[rng.Next(Fragments.Length)]); break;                          // insert a token
                case 2: s.Length = at; break;                                                                // truncate
                case 3:                                                                                      // replace a number
                    int digit = s.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0 && digit < s.Length) s.Insert(digit, new[] { "-", "9999999", "0.", "1e9", "NaN" }[rng.Next(5)]);
                    break;
                case 4: s[at] = char.IsLetter(s[at]) ? (char)(s[at] ^ 0x20) : s[at]; break;              // flip a letter's case
                default:                                                                                     // duplicate a slice
                    int len = Math.Min(s.Length - at, 1 + rng.Next(40));
                    s.Insert(rng.Next(s.Length), s.ToString(at, len));
                    break;
            }
        }
        return s.ToString();
    }

    [Fact]
    public void MutatedScenariosAndDataFiles_LoadOrFailWithExitCode2_NeverCrash()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out int n) ? n : 400;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out int sd) ? sd : 20030401;
        var rng = new System.Random(seed);
        var scenarios = Directory.GetFiles(TestPaths.At("scenarios"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var csvs = Directory.GetFiles(TestPaths.At("scenarios", "data"), "*.csv").Order(StringComparer.Ordinal).ToArray();
        int loaded = 0, rejected = 0;
        for (int i = 0; i < cases; i++)
        {
            string scenario = Path.Combine(_dir, $"case{i}.json");
            string input;
            if (i % 3 == 2)
            {
                // A mutated data file referenced by a small scenario.
                string csv = csvs[rng.Next(csvs.Length)];
                string key = Path.GetFileName(csv).StartsWith("bcu", StringComparison.Ordinal) ? "Bcus" : Path.GetFileName(csv).StartsWith("treatment", StringComparison.Ordinal) ? "WaitTargets" : "Areas";
                File.WriteAllText(Path.Combine(_dir, $"case{i}.csv"), Mutate(File.ReadAllText(csv), rng));
                input = $$"""{ "Data": { "{{key}}": "case{{i}}.csv" } }""";
            }
            else input = Mutate(scenarios[rng.Next(scenarios.Length)], rng);
            File.WriteAllText(scenario, input);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code;
            try
            {
                code = TfmCommand.Invoke(["validate", scenario], stdout, stderr);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (seed {seed}) crashed with {e.GetType().Name}: {e.Message}\ninput:\n{input}");
                return;
            }
            Assert.True(code is 0 or 2, $"case {i}: exit code {code}\n{stderr}\ninput:\n{input}");
            if (code == 2) { rejected++; Assert.StartsWith("The scenario has ", stderr.ToString()); }
            else loaded++;
        }
        Assert.True(loaded > 0 && rejected > 0, $"{loaded} loaded, {rejected} rejected: the mutations should produce both");
    }
}
