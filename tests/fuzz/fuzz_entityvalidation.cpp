// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: JSON -> entity validation (what every POST/PUT/PATCH body and every batch item goes through).
// Any input must end in an entity or a 422 naming fields, never in a crash, a hang or undefined behaviour.
// Differential: whatever readReadingsBatch (the batch's fast path) accepts, QJsonDocument + readJson read
// the same, item by item, without an error.
#include "core/entityvalidation.h"
#include "core/readingsjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

template<typename T> void check(const QJsonObject &body, WriteMode mode, TimeMs now)
{
    const Result<T> value = fromJson(body, T {}, mode, now);
    if (value) {
        // An accepted entity passes its own rules again and serializes.
        if (!checkEntity(*value))
            std::abort();
        (void)value->toJson();
    } else if (value.error().kind != ErrorKind::Validation || value.error().details.isEmpty()) {
        std::abort(); // a refusal must name the bad fields
    }
}

void checkAll(const QJsonObject &body, TimeMs now)
{
    for (WriteMode mode : {WriteMode::Create, WriteMode::Replace, WriteMode::Patch}) {
        check<Location>(body, mode, now);
        check<Sensor>(body, mode, now);
        check<Reading>(body, mode, now);
        check<Anomaly>(body, mode, now);
        check<Prediction>(body, mode, now);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    const TimeMs now = 1'750'000'000'000;
    if (document.isObject()) {
        checkAll(document.object(), now);
    } else if (document.isArray()) {
        // A readings batch: each item on its own, with its index as prefix.
        const QJsonArray items = document.array();
        for (qsizetype i = 0; i < items.size() && i < 64; ++i) {
            if (!items.at(i).isObject())
                continue;
            FieldErrors errors;
            Reading reading;
            readJson(items.at(i).toObject(), WriteMode::Create, reading, errors, u"[%1]."_s.arg(i), now);
            validate(reading, errors, u"[%1]."_s.arg(i));
        }
    }
    if (const std::optional<QList<Reading>> fast = readReadingsBatch(bytes, now)) {
        if (!document.isArray() || document.array().size() != fast->size() || fast->isEmpty())
            std::abort();
        const QJsonArray items = document.array();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isObject())
                std::abort();
            FieldErrors errors;
            Reading general;
            readJson(items.at(i).toObject(), WriteMode::Create, general, errors, {}, now);
            const Reading &quick = fast->at(i);
            if (!errors.isEmpty() || general.sensorId != quick.sensorId
                || general.timestamp != quick.timestamp || general.valor != quick.valor
                || std::signbit(general.valor) != std::signbit(quick.valor))
                std::abort();
        }
    }
    return 0;
}
