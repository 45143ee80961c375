// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ui/models/entityschema.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>

#include <optional>

class QDialogButtonBox;
class QLabel;

namespace pulso {

class EntityModels;
class ServerHost;

/// Create or edit one entity. The form is built from the schema; what the operator typed is sent as the
/// JSON body the REST API would get, through the same service, so the answer (including every validation
/// message, shown under its field) and the event clients receive are the API's.
class EntityDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityDialog)

public:
    /// `existing`: the row to edit; nullopt creates a new one.
    EntityDialog(ServerHost &host, const EntityModels &models, EntityKind kind,
        const std::optional<QJsonObject> &existing, QWidget *parent = nullptr);
    ~EntityDialog() override;

    const EntitySchema &schema() const { return m_schema; }
    bool isEditing() const { return m_existingId.has_value(); }

    /// Sets a field as if typed ("true"/"false" for check boxes, the value for choices).
    void setFieldText(const QString &key, const QString &text);
    QString fieldText(const QString &key) const;
    /// The message shown under a field, empty when none.
    QString fieldError(const QString &key) const;
    QString bannerText() const;
    /// The JSON body the form currently describes.
    QJsonObject body() const;

    /// Sends the form (what OK does); saved() or an error display follows.
    void submit();

Q_SIGNALS:
    void saved(const QJsonObject &entity);

private:
    QWidget *createEditor(const FieldSpec &field);
    void fill(const QJsonObject &object);
    void showError(const Error &error);
    void clearErrors();
    void setBusy(bool busy);

    ServerHost &m_host;
    const EntityModels &m_models;
    EntitySchema m_schema;
    std::optional<qint64> m_existingId;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errors;
    QLabel *m_banner;
    QDialogButtonBox *m_buttons;
};

} // namespace pulso
