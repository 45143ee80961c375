// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/tokenspage.h"

#include "runtime/server.h"
#include "runtime/serverhost.h"
#include "services/tokenservice.h"
#include "ui/apimessages.h"
#include "ui/icons.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

enum Column { NameColumn, RoleColumn, CreatedColumn, LastUsedColumn, StateColumn, ColumnCount };

QString formatTime(TimeMs ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

TokensPage::TokensPage(ServerHost &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_policy(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_create(new QPushButton(tr("Create token"), this))
    , m_secretBox(new QFrame(this))
    , m_secretTitle(new QLabel(m_secretBox))
    , m_secret(new QLineEdit(m_secretBox))
    , m_copy(new QPushButton(Icons::icon(Icons::Name::Copy), tr("Copy"), m_secretBox))
    , m_error(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);
    layout->setSpacing(10);

    m_policy->setWordWrap(true);
    m_policy->setText(tr("API tokens let programs on other machines write (writer), read when every request "
                         "needs a token (reader), use /api/v1/ws/secure (reader) or manage tokens (admin). "
                         "Give each client its own token, so that one can be revoked without the others. "
                         "Only a hash is stored: a token's secret is shown once, when it is created."));
    layout->addWidget(m_policy);

    // Create: name and role, then the secret, once.
    auto *form = new QGroupBox(tr("New token"), this);
    auto *formLayout = new QHBoxLayout(form);
    m_name->setObjectName(u"tokenName"_s);
    m_name->setPlaceholderText(tr("Name, e.g. wall panel"));
    m_name->setMaxLength(int(TokenService::MaxNameLength));
    m_role->setObjectName(u"tokenRole"_s);
    m_role->addItem(tr("reader — read and subscribe"), int(Role::Reader));
    m_role->addItem(tr("writer — also create, change and delete"), int(Role::Writer));
    m_role->addItem(tr("admin — also manage tokens"), int(Role::Admin));
    m_create->setObjectName(u"createToken"_s);
    m_create->setDefault(true);
    formLayout->addWidget(new QLabel(tr("Name:"), form));
    formLayout->addWidget(m_name, 2);
    formLayout->addWidget(new QLabel(tr("Role:"), form));
    formLayout->addWidget(m_role, 1);
    formLayout->addWidget(m_create);
    layout->addWidget(form);

    m_secretBox->setObjectName(u"tokenSecretBox"_s);
    m_secretBox->setFrameShape(QFrame::StyledPanel);
    m_secretBox->setAutoFillBackground(true);
    QPalette secretPalette = m_secretBox->palette();
    secretPalette.setColor(QPalette::Window, QColor(0xe8, 0xf5, 0xe9));
    secretPalette.setColor(QPalette::WindowText, QColor(0x1b, 0x4d, 0x20));
    m_secretBox->setPalette(secretPalette);
    auto *secretLayout = new QVBoxLayout(m_secretBox);
    m_secretTitle->setWordWrap(true);
    secretLayout->addWidget(m_secretTitle);
    auto *secretRow = new QHBoxLayout;
    m_secret->setObjectName(u"tokenSecret"_s);
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy->setObjectName(u"copyTokenSecret"_s);
    auto *done = new QPushButton(tr("Done"), m_secretBox);
    done->setObjectName(u"dismissTokenSecret"_s);
    done->setToolTip(tr("Forget the secret: it cannot be shown again"));
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    secretRow->addWidget(done);
    secretLayout->addLayout(secretRow);
    m_secretBox->hide();
    layout->addWidget(m_secretBox);

    m_error->setObjectName(u"tokenError"_s);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);

    // The list.
    m_table->setObjectName(u"tokenTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Created"), tr("Last used"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    m_revoke->setObjectName(u"revokeToken"_s);
    m_revoke->setEnabled(false);
    m_refresh->setObjectName(u"refreshTokens"_s);
    buttons->addWidget(m_revoke);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    layout->addLayout(buttons);

    connect(m_create, &QPushButton::clicked, this, &TokensPage::createFromForm);
    connect(m_name, &QLineEdit::returnPressed, this, &TokensPage::createFromForm);
    connect(m_name, &QLineEdit::textChanged, this, &TokensPage::updateCreateButton);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_secret->text());
        QToolTip::showText(QCursor::pos(), tr("Copied"), m_copy, {}, 1500);
    });
    connect(done, &QPushButton::clicked, this, &TokensPage::hideSecret);
    connect(m_revoke, &QPushButton::clicked, this, &TokensPage::revokeSelected);
    connect(m_refresh, &QPushButton::clicked, this, &TokensPage::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TokensPage::handleSelectionChanged);
    connect(&m_host, &ServerHost::started, this, [this] {
        if (isVisible())
            refresh();
    });
    updateCreateButton();
}

void TokensPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void TokensPage::refresh()
{
    m_host.call<QList<ApiToken>>(
        this, [](Server &server) { return server.tokens().list(); },
        [this](const Result<QList<ApiToken>> &tokens) {
            if (!tokens) {
                showError(tokens.error());
                return;
            }
            handleLoaded(*tokens);
        });
}

void TokensPage::handleLoaded(const QList<ApiToken> &tokens)
{
    const qint64 selected = m_table->currentRow() >= 0 && m_table->currentRow() < m_tokens.size()
        ? m_tokens.at(m_table->currentRow()).id
        : 0;
    m_error->hide(); // an error of an earlier attempt (e.g. before the server had started) is over
    m_tokens = tokens;
    m_table->setRowCount(int(tokens.size()));
    const QPalette palette = m_table->palette();
    for (int row = 0; row < tokens.size(); ++row) {
        const ApiToken &token = tokens.at(row);
        const QStringList cells {token.name, roleName(token.role), formatTime(token.createdAt),
            token.lastUsedAt ? formatTime(*token.lastUsedAt) : tr("never"),
            token.revokedAt ? tr("revoked %1").arg(formatTime(*token.revokedAt)) : tr("active")};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, token.id);
            if (token.isRevoked())
                item->setForeground(palette.color(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    if (selected > 0)
        selectToken(selected);
    handleSelectionChanged();
    Q_EMIT tokensLoaded();
}

bool TokensPage::selectToken(qint64 id)
{
    for (int row = 0; row < m_tokens.size(); ++row) {
        if (m_tokens.at(row).id == id) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void TokensPage::handleSelectionChanged()
{
    const int row = m_table->currentRow();
    const bool selected = !m_table->selectedItems().isEmpty() && row >= 0 && row < m_tokens.size();
    m_revoke->setEnabled(selected && !m_tokens.at(row).isRevoked());
}

void TokensPage::updateCreateButton()
{
    m_create->setEnabled(!m_name->text().trimmed().isEmpty());
}

void TokensPage::createFromForm()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    const auto role = static_cast<Role>(m_role->currentData().toInt());
    hideSecret();
    m_create->setEnabled(false);
    m_host.call<IssuedToken>(
        this, [name, role](Server &server) { return server.tokens().create(name, role); },
        [this](const Result<IssuedToken> &issued) {
            updateCreateButton();
            if (!issued) {
                showError(issued.error());
                return;
            }
            m_error->hide();
            m_name->clear();
            showSecret(issued->token, issued->secret);
            refresh();
            Q_EMIT tokenCreated(issued->token.id);
        });
}

void TokensPage::showSecret(const ApiToken &token, const QByteArray &secret)
{
    m_secretTitle->setText(tr("<b>Token “%1” created (%2).</b> Copy its secret now: this is the only time it "
                              "is shown. Clients send it as <tt>Authorization: Bearer …</tt> or, for "
                              "WebSockets, as <tt>?token=…</tt>.")
                               .arg(token.name.toHtmlEscaped(), roleName(token.role)));
    m_secret->setText(QString::fromLatin1(secret));
    m_secretBox->show();
    m_secret->setFocus();
    m_secret->selectAll();
}

void TokensPage::hideSecret()
{
    m_secret->clear();
    m_secretBox->hide();
}

QString TokensPage::shownSecret() const
{
    return m_secretBox->isHidden() ? QString() : m_secret->text();
}

void TokensPage::revokeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_tokens.size() || m_tokens.at(row).isRevoked() || m_confirmation)
        return;
    const ApiToken token = m_tokens.at(row);
    m_confirmation = new QMessageBox(QMessageBox::Question, tr("Revoke token"),
        tr("Revoke the token “%1” (%2)? Programs using it are refused from now on and its open WebSocket "
           "connections are closed. This cannot be undone.")
            .arg(token.name, roleName(token.role)),
        QMessageBox::Cancel, this);
    m_confirmation->setObjectName(u"revokeConfirmation"_s);
    QPushButton *yes = m_confirmation->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::finished, this, [this, yes, id = token.id] {
        const bool confirmed = m_confirmation && m_confirmation->clickedButton() == yes;
        m_confirmation.clear();
        if (confirmed)
            revoke(id);
    });
    m_confirmation->open();
}

void TokensPage::revoke(qint64 id)
{
    m_host.call<ApiToken>(
        this, [id](Server &server) { return server.tokens().revoke(id); },
        [this, id](const Result<ApiToken> &revoked) {
            if (!revoked) {
                showError(revoked.error());
                return;
            }
            m_error->hide();
            refresh();
            Q_EMIT tokenRevoked(id);
        });
}

void TokensPage::showError(const Error &error)
{
    const QString message = ApiMessages::errorMessage(error);
    m_error->setText(message);
    m_error->show();
    Q_EMIT failed(message);
}

QString TokensPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace pulso
