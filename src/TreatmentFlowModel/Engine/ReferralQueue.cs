namespace TreatmentFlowModel.Engine;

/// <summary>The two queues of every waiting list (area and modality): referrals through other routes and through the criminal-justice system.</summary>
internal enum ReferralQueue
{
    /// <summary>Referrals through other routes (self, GP, services, transfers to rehab).</summary>
    Other = 0,
    /// <summary>Criminal-justice referrals (testing, arrest referral, DTTOs, aftercare).</summary>
    Cjs = 1,
}
