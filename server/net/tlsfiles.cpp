// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/tlsfiles.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

Error tlsError(const QString &code, const QString &message)
{
    return Error::make(ErrorKind::BadRequest, code, message);
}

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tlsError(
            u"tls_file_unreadable"_s, u"Cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString()));
    // Certificates and keys are small; a huge file is a mistake (or not PEM).
    const QByteArray data = file.read(1024 * 1024);
    return data;
}

} // namespace

Result<QSslConfiguration> loadServerTls(const QString &certPath, const QString &keyPath)
{
    if (!QSslSocket::supportsSsl()) {
        return tlsError(u"tls_unavailable"_s,
            u"TLS was asked for but Qt has no TLS backend here (install OpenSSL 3 / libssl3)."_s);
    }
    if (certPath.isEmpty() || keyPath.isEmpty())
        return tlsError(u"tls_incomplete"_s, u"TLS needs both --tls-cert and --tls-key."_s);
    Result<QByteArray> certData = readFile(certPath, u"certificate"_s);
    if (!certData)
        return certData.error();
    Result<QByteArray> keyData = readFile(keyPath, u"key"_s);
    if (!keyData)
        return keyData.error();

    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certData, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        return tlsError(u"tls_bad_certificate"_s, u"%1 holds no PEM certificate."_s.arg(certPath));
    }
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(*keyData, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        return tlsError(
            u"tls_bad_key"_s, u"%1 holds no unencrypted PEM private key (RSA or EC)."_s.arg(keyPath));
    }
    // Qt cannot tell whether the key belongs to the certificate; a wrong pair fails every handshake, which
    // FrontListener logs as a warning.
    if (chain.first().publicKey().algorithm() != key.algorithm()) {
        return tlsError(u"tls_key_mismatch"_s,
            u"The key in %1 does not belong to the certificate in %2 (different algorithms)."_s.arg(
                keyPath, certPath));
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(chain.first());
    if (chain.size() > 1)
        config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

} // namespace pulso
