using System.Threading.Tasks;

namespace Payee
{
    /// <summary>
    /// The blocking forms: each waits for its async form, whose awaits all use ConfigureAwait(false),
    /// so no SynchronizationContext (UI, classic ASP.NET) is needed to finish it. Errors come as thrown, not wrapped.
    /// </summary>
    internal static class Blocking
    {
        internal static T Wait<T>(Task<T> task)
        {
            return task.GetAwaiter().GetResult();
        }
    }
}
