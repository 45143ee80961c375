// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/isotime.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace pulso {

/// Reads the usual shape of a `POST /api/v1/readings/batch` body without building a QJsonDocument:
/// `[{"sensor_id":7,"valor":21.5,"timestamp":"2025-07-20T00:05:37.123Z"}, ...]`, keys in any order,
/// `timestamp` absent or null meaning `now`, JSON whitespace anywhere.
///
/// It declines (nullopt) everything else, so that the general path (QJsonDocument, readJson) answers it with
/// the same errors as ever: any other key (`id` and `created_at` included), a repeated key, an escape
/// sequence or non-ASCII byte in a string, a number that is not plain (`sensor_id` other than 1 to 15 digits;
/// `valor` that overflows or an integer of more than 18 digits), a timestamp isotime::parse refuses, an empty
/// array, trailing bytes. What it accepts, it reads exactly as the general path would (fuzzed against it:
/// tests/fuzz/fuzz_entityvalidation.cpp).
std::optional<QList<Reading>> readReadingsBatch(QByteArrayView json, TimeMs now);

} // namespace pulso
