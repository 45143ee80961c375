// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace pulso {

/// The console's own pictograms, drawn at run time so they look the same on every desktop (no icon theme
/// or image plugin needed): one per page plus a few actions.
class Icons final
{
public:
    enum class Name {
        Server,
        Connections,
        EventLog,
        Location,
        Sensor,
        Reading,
        Anomaly,
        Prediction,
        Chart,
        Settings,
        Copy,
    };

    static QIcon icon(Name name);
};

} // namespace pulso
