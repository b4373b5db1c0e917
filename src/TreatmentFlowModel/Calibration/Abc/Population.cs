namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One generation's particles: values on both scales, normalised weights and distances, row-major (particle × parameter).</summary>
internal sealed class Population
{
    /// <summary>Wraps the arrays (not copied).</summary>
    public Population(int dimension, double[] theta, double[] z, double[] weights, double[] distances, double epsilon)
    {
        Dimension = dimension;
        Theta = theta;
        Z = z;
        Weights = weights;
        Distances = distances;
        Epsilon = epsilon;
    }

    /// <summary>Parameters per particle.</summary>
    public int Dimension { get; }

    /// <summary>Particles.</summary>
    public int Count => Weights.Length;

    /// <summary>Parameter values, particle i at [i × Dimension, (i + 1) × Dimension).</summary>
    public double[] Theta { get; }

    /// <summary>The same on the unbounded scale.</summary>
    public double[] Z { get; }

    /// <summary>Importance weights, summing to 1.</summary>
    public double[] Weights { get; }

    /// <summary>Each particle's distance from the observations.</summary>
    public double[] Distances { get; }

    /// <summary>The tolerance the particles met.</summary>
    public double Epsilon { get; }

    /// <summary>Particle i's unbounded coordinates.</summary>
    public ReadOnlySpan<double> ZOf(int i) => Z.AsSpan(i * Dimension, Dimension);
}
