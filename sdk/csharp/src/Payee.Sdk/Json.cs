using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Payee
{
    /// <summary>How the SDK reads and writes the API's JSON: camelCase names from [JsonProperty], nulls left out.</summary>
    public static class PayeeJson
    {
        public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            DateParseHandling = DateParseHandling.DateTimeOffset,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
        };

        /// <summary>For untyped documents (the OpenAPI document): strings stay strings.</summary>
        internal static readonly JsonSerializerSettings Untyped = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None };

        public static string Serialize(object value)
        {
            return JsonConvert.SerializeObject(value, Formatting.None, Settings);
        }

        public static T Deserialize<T>(string json)
        {
            return JsonConvert.DeserializeObject<T>(json, Settings);
        }

        internal static JToken Parse(string json)
        {
            return JsonConvert.DeserializeObject<JToken>(json, Untyped);
        }
    }

    /// <summary>
    /// An enum spelled as the API spells it ([EnumMember]); a value added to the API later reads as
    /// the enum's <c>Unknown</c> member (its 0) instead of failing the whole reply.
    /// </summary>
    public sealed class ApiEnumConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType)
        {
            return (Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum;
        }

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
            if (reader.TokenType == JsonToken.Null) return null;
            var text = Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var pair in Names(type))
            {
                if (pair.Value == text) return pair.Key;
            }
            return Enum.ToObject(type, 0);
        }

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
        {
            writer.WriteValue(Name(value));
        }

        /// <summary>The API's spelling of an enum value.</summary>
        public static string Name(object value)
        {
            string name;
            return Names(value.GetType()).TryGetValue(value, out name) ? name : value.ToString();
        }

        /// <summary>Every known value of an enum with its API spelling (Unknown left out).</summary>
        public static IReadOnlyDictionary<object, string> Names(Type type)
        {
            return Cache.GetOrAdd(type, Read);
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyDictionary<object, string>> Cache =
            new System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyDictionary<object, string>>();

        private static IReadOnlyDictionary<object, string> Read(Type type)
        {
            var names = new Dictionary<object, string>();
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var member = field.GetCustomAttributes(typeof(EnumMemberAttribute), false).Cast<EnumMemberAttribute>().FirstOrDefault();
                if (member == null) continue;
                names[field.GetValue(null)] = member.Value;
            }
            return names;
        }
    }
}
