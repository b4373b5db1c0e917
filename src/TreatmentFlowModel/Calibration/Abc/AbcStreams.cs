namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Where every random number of the ABC code comes from: Philox sub-streams addressed by coordinates, so that a
/// proposal's draws depend on (seed, generation, proposal index) and never on which thread ran it or when.
/// The coordinates used here keep clear of the engine's: it reads week 0 channel int.MaxValue for its parameter draws
/// and (week, area × 32 + flow) for its flows, never week int.MaxValue nor channels int.MaxValue - 1 and - 2.
/// </summary>
internal static class AbcStreams
{
    private const int ProposalChannel = int.MaxValue - 1;
    private const int PosteriorDrawChannel = int.MaxValue - 2;
    private const int PosteriorDrawWeek = int.MaxValue;

    // Domains separate seeds derived for different purposes from one user seed.
    private const ulong NoiseDomain = 0x6E6F_6973_6531UL;      // "noise1"
    private const ulong SyntheticDataDomain = 0x6461_7461_3031UL; // "data01"
    private const ulong PredictiveDomain = 0x7072_6564_3031UL;    // "pred01"
    private const ulong CaseDomain = 0x6361_7365_3031UL;          // "case01"
    private const ulong TruthDomain = 0x7472_7574_6831UL;         // "truth1"

    /// <summary>The draws of proposal <paramref name="index"/> of <paramref name="generation"/>: ancestor, kernel step or prior draw.</summary>
    public static PhiloxRandom Proposal(ulong seed, int generation, int index) => new(seed, index, generation, ProposalChannel);

    /// <summary>The uniform that picks the posterior particle of forecast replicate <paramref name="replicate"/>.</summary>
    public static PhiloxRandom PosteriorDraw(ulong seed, int replicate) => new(seed, replicate, PosteriorDrawWeek, PosteriorDrawChannel);

    /// <summary>The noise seed of a generation's simulations: a fresh one per generation, or one for the whole run under common random numbers.</summary>
    public static ulong NoiseSeed(ulong seed, NoiseMode mode, int generation) =>
        mode == NoiseMode.Common ? Mix(seed, NoiseDomain) : Mix(Mix(seed, NoiseDomain), (ulong)generation + 1);

    /// <summary>The noise replicate of proposal <paramref name="index"/>: its own, or 0 for all under common random numbers.</summary>
    public static int NoiseReplicate(NoiseMode mode, int index) => mode == NoiseMode.Common ? 0 : index;

    /// <summary>The noise seed of a recovery study's synthetic data sets (data set k uses replicate k).</summary>
    public static ulong SyntheticDataSeed(ulong seed) => Mix(seed, SyntheticDataDomain);

    /// <summary>The noise seed of posterior predictive simulations (draw i uses replicate i).</summary>
    public static ulong PredictiveSeed(ulong seed) => Mix(seed, PredictiveDomain);

    /// <summary>The draws of truth <paramref name="index"/> of a recovery study whose truths come from the prior.</summary>
    public static PhiloxRandom Truth(ulong seed, int index) => new(Mix(seed, TruthDomain), index, 0, ProposalChannel);

    /// <summary>The sampler seed of case <paramref name="index"/> of a recovery study.</summary>
    public static ulong CaseSeed(ulong seed, int index) => Mix(Mix(seed, CaseDomain), (ulong)index);

    /// <summary>
    /// A 64-bit hash of two words: SplitMix64's finaliser (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
    /// number generators", OOPSLA) applied to a + golden-ratio × (b + 1), so nearby inputs give unrelated seeds.
    /// </summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong z = a + 0x9E37_79B9_7F4A_7C15UL * (b + 1);
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
