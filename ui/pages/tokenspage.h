// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/apitoken.h"
#include "core/error.h"

#include <QList>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace pulso {

class ServerHost;

/// API tokens: the list (name, role, created, last used, state), a form that creates one and shows its
/// secret once with a copy button, and revocation after a confirmation. Goes through the server's
/// TokenService (in the server thread, via ServerHost::call), the same one the REST API and `pulso token`
/// use.
class TokensPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokensPage)

public:
    explicit TokensPage(ServerHost &host, QWidget *parent = nullptr);

    /// Asks the server for the list again; tokensLoaded() follows.
    void refresh();
    /// Creates a token with the name and role in the form; the secret is shown once (tokenCreated()).
    void createFromForm();
    /// Asks for confirmation, then revokes the selected token (tokenRevoked()).
    void revokeSelected();
    /// Selects the row of token `id`; false when it is not listed.
    bool selectToken(qint64 id);

    const QList<ApiToken> &tokens() const { return m_tokens; }
    /// The secret of the token just created while it is on screen; empty once dismissed.
    QString shownSecret() const;
    /// The confirmation currently asked for a revocation, if any (for tests).
    QMessageBox *revokeConfirmation() const { return m_confirmation; }
    QString errorText() const;

Q_SIGNALS:
    void tokensLoaded();
    void tokenCreated(qint64 id);
    void tokenRevoked(qint64 id);
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void handleLoaded(const QList<ApiToken> &tokens);
    void handleSelectionChanged();
    void revoke(qint64 id);
    void showSecret(const ApiToken &token, const QByteArray &secret);
    void hideSecret();
    void showError(const Error &error);
    void updateCreateButton();

    ServerHost &m_host;
    QList<ApiToken> m_tokens;
    QLabel *m_policy;
    QLineEdit *m_name;
    QComboBox *m_role;
    QPushButton *m_create;
    QFrame *m_secretBox;
    QLabel *m_secretTitle;
    QLineEdit *m_secret;
    QPushButton *m_copy;
    QLabel *m_error;
    QTableWidget *m_table;
    QPushButton *m_revoke;
    QPushButton *m_refresh;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace pulso
