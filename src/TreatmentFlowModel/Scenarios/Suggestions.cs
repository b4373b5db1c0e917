using System.Text;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// "Did you mean" hints for misspelt keys and names. Two measures, the smaller counting: the edit distance of the whole
/// text (typos in keys such as <c>ArestPerYear</c>), and a word-by-word match that knows how English place names are
/// shortened, so <c>NE Lincolnshire</c> finds <c>North East Lincolnshire</c> (not <c>Lincolnshire</c>, fewer letters
/// away), <c>Lincs</c> finds <c>Lincolnshire</c>, <c>Brighton and Hove</c> finds <c>Brighton &amp; Hove</c> and
/// <c>Nottingham</c> offers <c>City of Nottingham</c>.
/// </summary>
public static class Suggestions
{
    /// <summary>Most names offered in one hint when several are equally close.</summary>
    private const int MaxOffered = 3;

    /// <summary>The closest candidate within a distance of a third of the word's length (at least 2), or null.</summary>
    /// <param name="word">What the user wrote.</param>
    /// <param name="candidates">The names allowed.</param>
    public static string? Closest(string word, IEnumerable<string> candidates) => Closests(word, candidates).FirstOrDefault();

    /// <summary>The candidates equally closest to <paramref name="word"/> (at most three, in the candidates' order), or none.</summary>
    /// <param name="word">What the user wrote.</param>
    /// <param name="candidates">The names allowed.</param>
    public static IReadOnlyList<string> Closests(string word, IEnumerable<string> candidates)
    {
        var wordTokens = Tokens(word);
        double limit = Math.Max(2, word.Length / 3);
        var best = new List<string>();
        double bestScore = double.MaxValue;
        foreach (var candidate in candidates)
        {
            double score = Math.Min(Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant()), WordDistance(wordTokens, Tokens(candidate)));
            if (score > limit || score > bestScore) continue;
            if (score < bestScore) { bestScore = score; best.Clear(); }
            if (!best.Contains(candidate, StringComparer.Ordinal)) best.Add(candidate);
        }
        return best.Take(MaxOffered).ToList();
    }

    /// <summary>"; did you mean 'X'?" (or "'X' or 'Y'") or an empty string.</summary>
    /// <param name="word">What the user wrote.</param>
    /// <param name="candidates">The names allowed.</param>
    public static string Hint(string word, IEnumerable<string> candidates) =>
        Closests(word, candidates) is { Count: > 0 } s ? $"; did you mean {string.Join(" or ", s.Select(x => $"'{x}'"))}?" : "";

    /// <summary>Words in lower case: <c>&amp;</c> is "and", hyphens and other punctuation separate words.</summary>
    private static string[] Tokens(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
            clean.Append(c == '&' ? " and " : char.IsLetterOrDigit(c) ? c : ' ');
        return clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Words of place names that a user may leave out (<c>City of</c> Nottingham, Kingston <c>upon</c> Hull).</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal) { "city", "of", "the", "and", "upon", "on", "borough", "county" };

    /// <summary>
    /// The cost of reading every word of <paramref name="word"/> as consecutive words of <paramref name="candidate"/>, in
    /// order: 0 for the same word or initials (<c>ne</c> = north east, <c>n</c> = north), 0.5 for a shortening (<c>notting</c>,
    /// <c>lincs</c> = linc... plus s), the letters changed for a typo (one per four letters at most); each candidate word
    /// left unread costs 1 (0.25 for a filler such as "city of"). Infinity when some word cannot be read.
    /// </summary>
    private static double WordDistance(string[] word, string[] candidate)
    {
        // cost[i, j]: the first i words read against the first j candidate words.
        var cost = new double[word.Length + 1, candidate.Length + 1];
        for (int i = 0; i <= word.Length; i++)
            for (int j = 0; j <= candidate.Length; j++)
                cost[i, j] = i == 0 && j == 0 ? 0 : double.PositiveInfinity;
        for (int i = 0; i <= word.Length; i++)
            for (int j = 0; j <= candidate.Length; j++)
            {
                double here = cost[i, j];
                if (double.IsPositiveInfinity(here)) continue;
                if (j < candidate.Length)
                    cost[i, j + 1] = Math.Min(cost[i, j + 1], here + (Fillers.Contains(candidate[j]) ? 0.25 : 1));
                if (i == word.Length) continue;
                string w = word[i];
                if (j < candidate.Length)
                    cost[i + 1, j + 1] = Math.Min(cost[i + 1, j + 1], here + OneWord(w, candidate[j]));
                // Initials: "ne" for "north east", one letter a word.
                if (w.Length >= 2 && j + w.Length <= candidate.Length && w.Select((c, k) => candidate[j + k][0] == c).All(x => x))
                    cost[i + 1, j + w.Length] = Math.Min(cost[i + 1, j + w.Length], here);
            }
        return cost[word.Length, candidate.Length];
    }

    /// <summary>The cost of reading <paramref name="w"/> as the word <paramref name="c"/> (see <see cref="WordDistance"/>).</summary>
    private static double OneWord(string w, string c)
    {
        if (w == c) return 0;
        if (w.Length == 1 && c[0] == w[0] && c.Length > 1) return 0; // "N Lincolnshire"
        if (w.Length >= 4 && c.StartsWith(w, StringComparison.Ordinal)) return 0.5; // "Notting"
        if (w.Length >= 4 && w[^1] == 's' && c.StartsWith(w[..^1], StringComparison.Ordinal)) return 0.5; // "Lincs", "Notts", "Herts"
        int d = Distance(w, c);
        return d <= Math.Max(1, w.Length / 4) ? d : double.PositiveInfinity;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
