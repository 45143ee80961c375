// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace pulso {

/// What went wrong, independent of transport. The network layer maps a kind to an HTTP status
/// or a WebSocket close code in one place.
enum class ErrorKind {
    BadRequest, ///< malformed input (JSON syntax, bad query parameter)
    Validation, ///< well-formed input with wrong or missing fields
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    PayloadTooLarge,
    MethodNotAllowed,
    TooManyRequests,
    Unavailable, ///< storage temporarily unusable (locked, read-only, full)
    Internal,
};

/// A typed error: kind, a stable machine code ("unknown_channel"), a message for humans and
/// optional per-field details.
struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString code;
    QString message;
    QJsonArray details; ///< e.g. [{"field":"latitud","message":"..."}]

    static Error make(ErrorKind kind, QString code, QString message, QJsonArray details = {})
    {
        return Error {kind, std::move(code), std::move(message), std::move(details)};
    }

    /// {"error":{"code":...,"message":...[,"details":[...]]}}
    QJsonObject toJson() const;
};

/// A value or an Error; small stand-in for std::expected (C++23).
template<typename T> class Result
{
public:
    Result(T value) : m_data(std::move(value)) { }
    Result(Error error) : m_data(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{
};
using Status = Result<Ok>;

} // namespace pulso
