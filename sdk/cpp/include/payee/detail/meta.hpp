#pragma once
// One description per model serves JSON both ways and the manifest test: each model lists its
// fields once (name in the API, member), each enum its values once (enumerator, API string), so
// what the SDK reads, writes and states in manifest.json cannot drift apart.

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

namespace payee::meta {

template <class Model, class T>
struct Field {
  const char* name;
  T Model::*member;
};

template <class Model, class T>
constexpr Field<Model, T> field(const char* name, T Model::*member) {
  return {name, member};
}

/// A model: a struct with `static constexpr auto fields()` returning a tuple of Field.
template <class T, class = void>
struct is_model : std::false_type {};
template <class T>
struct is_model<T, std::void_t<decltype(T::fields())>> : std::true_type {};
template <class T>
inline constexpr bool is_model_v = is_model<T>::value;

/// An enum: EnumValues<E> specialised with `static constexpr std::array<std::pair<E, std::string_view>, N> values`.
template <class E>
struct EnumValues;
template <class E, class = void>
struct is_enum_described : std::false_type {};
template <class E>
struct is_enum_described<E, std::void_t<decltype(EnumValues<E>::values)>> : std::true_type {};
template <class E>
inline constexpr bool is_enum_described_v = is_enum_described<E>::value;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// A nullable field that may be left out: absent, null, or a value.
template <class T>
struct is_nullable : std::false_type {};
template <class T>
struct is_nullable<std::optional<std::optional<T>>> : std::true_type {};

/// Calls f(field) for each field of Model.
template <class Model, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](auto... field) { (f(field), ...); }, Model::fields());
}

}  // namespace payee::meta

namespace payee {

/// The API's string of an enum value.
template <class E, std::enable_if_t<meta::is_enum_described_v<E>, int> = 0>
std::string_view to_string(E value) {
  for (const auto& [e, name] : meta::EnumValues<E>::values) {
    if (e == value) return name;
  }
  return "unknown";
}

/// The enum value the API's string names; std::nullopt for a value this SDK does not know.
template <class E, std::enable_if_t<meta::is_enum_described_v<E>, int> = 0>
std::optional<E> enum_from_string(std::string_view text) {
  for (const auto& [e, name] : meta::EnumValues<E>::values) {
    if (name == text) return e;
  }
  return std::nullopt;
}

// nlohmann/json finds these by argument-dependent lookup for every payee enum and model.

template <class E, std::enable_if_t<meta::is_enum_described_v<E>, int> = 0>
void to_json(nlohmann::json& j, E value) {
  j = std::string(to_string(value));
}

/// A value newer than this SDK reads as the enum's `unknown` enumerator: an answer is never
/// refused for it.
template <class E, std::enable_if_t<meta::is_enum_described_v<E>, int> = 0>
void from_json(const nlohmann::json& j, E& value) {
  value = enum_from_string<E>(j.get<std::string>()).value_or(E::unknown);
}

template <class M, std::enable_if_t<meta::is_model_v<M>, int> = 0>
void to_json(nlohmann::json& j, const M& model) {
  j = nlohmann::json::object();
  meta::for_each_field<M>([&](auto field) {
    const auto& value = model.*field.member;
    using T = std::decay_t<decltype(value)>;
    if constexpr (meta::is_nullable<T>::value) {
      if (value) j[field.name] = *value ? nlohmann::json(**value) : nlohmann::json(nullptr);
    } else if constexpr (meta::is_optional<T>::value) {
      if (value) j[field.name] = *value;  // absent stays absent
    } else {
      j[field.name] = value;
    }
  });
}

/// Fields the answer leaves out (or sends as null) keep their defaults; unknown fields are
/// ignored, so a newer API's additions never break an older SDK.
template <class M, std::enable_if_t<meta::is_model_v<M>, int> = 0>
void from_json(const nlohmann::json& j, M& model) {
  if (!j.is_object()) throw nlohmann::json::type_error::create(302, "expected an object", &j);
  meta::for_each_field<M>([&](auto field) {
    auto it = j.find(field.name);
    auto& value = model.*field.member;
    using T = std::decay_t<decltype(value)>;
    if (it == j.end()) return;
    if constexpr (meta::is_nullable<T>::value) {
      value.emplace();
      if (!it->is_null()) *value = it->template get<typename T::value_type::value_type>();
    } else if (it->is_null()) {
      return;
    } else if constexpr (meta::is_optional<T>::value) {
      value = it->template get<typename T::value_type>();
    } else {
      it->get_to(value);
    }
  });
}

}  // namespace payee
