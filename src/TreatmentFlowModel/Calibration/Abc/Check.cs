using System.Globalization;
using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Argument checks for the ABC types, with messages that state the bound and the value (NaN rejected).</summary>
internal static class Check
{
    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number (was {Text(value)}).");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and above zero.</summary>
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(double.IsFinite(value) && value > 0)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number above 0 (was {Text(value)}).");
    }

    /// <summary>A number as the message shows it: invariant culture, round-trip digits.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
