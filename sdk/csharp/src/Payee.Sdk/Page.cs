using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>One page of a list, newest first; <see cref="NextCursor"/> reads the next.</summary>
    public sealed class Page<T>
    {
        [JsonProperty("data")] public List<T> Data { get; set; }

        /// <summary>The cursor of the next page; null on the last page.</summary>
        [JsonProperty("nextCursor")] public string NextCursor { get; set; }

        [JsonIgnore]
        public bool HasMore
        {
            get { return NextCursor != null; }
        }
    }
}
