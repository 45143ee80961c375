// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/eventemitter.h"

namespace pulso {

EventEmitter::EventEmitter(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<pulso::Event>();
}

void EventEmitter::emitEvent(const pulso::Event &event)
{
    Q_EMIT eventEmitted(event);
}

} // namespace pulso
