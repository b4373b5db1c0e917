namespace TreatmentFlowModel.Engine;

/// <summary>
/// The queues of every waiting list (area and modality): problem drug users referred through other routes and through the
/// criminal-justice system, and people who are not problem drug users.
/// </summary>
internal enum ReferralQueue
{
    /// <summary>Referrals through other routes (self, GP, services, transfers to rehab).</summary>
    Other = 0,
    /// <summary>Criminal-justice referrals (testing, arrest referral, DTTOs, aftercare).</summary>
    Cjs = 1,
    /// <summary>People who are not problem drug users (cannabis, amphetamine, powder cocaine): they leave the system when they leave the list or treatment.</summary>
    NonPdu = 2,
}
