// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/consolesettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace pulso {

ConsoleSettings::ConsoleSettings() : m_settings(new QSettings) { }

ConsoleSettings::ConsoleSettings(const QString &iniFile)
    : m_settings(new QSettings(iniFile, QSettings::IniFormat))
{ }

ConsoleSettings::~ConsoleSettings()
{
    delete m_settings;
}

quint16 ConsoleSettings::port() const
{
    bool ok = false;
    const uint port = m_settings->value(u"server/port"_s, DefaultPort).toUInt(&ok);
    return ok && port <= 65535 ? quint16(port) : DefaultPort;
}

void ConsoleSettings::setPort(quint16 port)
{
    m_settings->setValue(u"server/port"_s, port);
}

QHostAddress ConsoleSettings::bindAddress() const
{
    const QHostAddress address(m_settings->value(u"server/bindAddress"_s, u"0.0.0.0"_s).toString());
    return address.isNull() ? QHostAddress(QHostAddress::AnyIPv4) : address;
}

void ConsoleSettings::setBindAddress(const QHostAddress &address)
{
    m_settings->setValue(u"server/bindAddress"_s, address.toString());
}

bool ConsoleSettings::autoStart() const
{
    return m_settings->value(u"server/autoStart"_s, true).toBool();
}

void ConsoleSettings::setAutoStart(bool on)
{
    m_settings->setValue(u"server/autoStart"_s, on);
}

QString ConsoleSettings::language() const
{
    const QString language = m_settings->value(u"ui/language"_s, u"system"_s).toString();
    return language == u"es" || language == u"en" ? language : u"system"_s;
}

void ConsoleSettings::setLanguage(const QString &language)
{
    m_settings->setValue(u"ui/language"_s, language);
}

bool ConsoleSettings::closeToTray() const
{
    return m_settings->value(u"ui/closeToTray"_s, true).toBool();
}

void ConsoleSettings::setCloseToTray(bool on)
{
    m_settings->setValue(u"ui/closeToTray"_s, on);
}

bool ConsoleSettings::trayNoticeShown() const
{
    return m_settings->value(u"ui/trayNoticeShown"_s, false).toBool();
}

void ConsoleSettings::setTrayNoticeShown(bool shown)
{
    m_settings->setValue(u"ui/trayNoticeShown"_s, shown);
}

QByteArray ConsoleSettings::value(const QString &key) const
{
    return m_settings->value(key).toByteArray();
}

void ConsoleSettings::setValue(const QString &key, const QByteArray &value)
{
    m_settings->setValue(key, value);
}

QString ConsoleSettings::text(const QString &key, const QString &fallback) const
{
    return m_settings->value(key, fallback).toString();
}

void ConsoleSettings::setText(const QString &key, const QString &value)
{
    m_settings->setValue(key, value);
}

void ConsoleSettings::applyTo(ServerConfig &config) const
{
    config.port = port();
    config.bindAddress = bindAddress();
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

} // namespace pulso
