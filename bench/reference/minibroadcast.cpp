// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later

// pulso-minibroadcast: the smallest server pulso-bench's fanout and ramp scenarios can measure, as a floor to
// hold Pulso against on the same machine ("a minimal hand-written C++ broadcast server measured the same
// way", issue 8). One thread, one epoll set, no Qt, no storage, no authentication, no limits: it is a
// measuring instrument, not a server anyone should run. It understands exactly:
//   - GET /api/v1/ws?channel=NAME[&...] with a WebSocket upgrade: the client joins NAME;
//   - POST /api/v1/ws/test-event?channel=NAME&message=TEXT: one system_event shaped like Pulso's, framed
//     once, written to every client of NAME with one send() each (the rest queued when the socket is
//     full), then 200 {"status":"sent","recipients":N};
//   - anything else: 404. Frames from clients are read and dropped; a close frame or EOF closes the client.
// Arguments as pulso-bench --spawn passes them (--port P, --bind ADDRESS; the rest is ignored); it prints
// "listening on http://ADDRESS:PORT" like Pulso and exits on SIGTERM or SIGINT.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

volatile std::sig_atomic_t g_stop = 0;

// --- SHA-1 and base64, for Sec-WebSocket-Accept (RFC 6455 section 4.2.2) ---------------------------------
std::string sha1(std::string_view input)
{
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string m(input);
    const uint64_t bits = uint64_t(input.size()) * 8;
    m += char(0x80);
    while (m.size() % 64 != 56)
        m += char(0);
    for (int i = 7; i >= 0; --i)
        m += char((bits >> (i * 8)) & 0xff);
    auto rotl = [](uint32_t v, int s) { return (v << s) | (v >> (32 - s)); };
    for (size_t chunk = 0; chunk < m.size(); chunk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            const auto *p = reinterpret_cast<const unsigned char *>(m.data() + chunk + i * 4);
            w[i] = uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
        }
        for (int i = 16; i < 80; ++i)
            w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::string out;
    for (uint32_t v : h) {
        for (int i = 3; i >= 0; --i)
            out += char((v >> (i * 8)) & 0xff);
    }
    return out;
}

std::string base64(std::string_view in)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const uint32_t v
            = uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    if (i + 1 == in.size()) {
        const uint32_t v = uint32_t(uint8_t(in[i])) << 16;
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const uint32_t v = uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8;
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// --- request heads ---------------------------------------------------------------------------------------
std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
}

std::string percentDecoded(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(uint8_t(s[i + 1]))
            && std::isxdigit(uint8_t(s[i + 2]))) {
            out += char(std::strtol(std::string(s.substr(i + 1, 2)).c_str(), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string queryValue(std::string_view target, std::string_view key)
{
    const size_t q = target.find('?');
    if (q == std::string_view::npos)
        return {};
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const size_t eq = pair.find('=');
        if (pair.substr(0, eq) == key)
            return eq == std::string_view::npos ? std::string() : percentDecoded(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        rest = rest.substr(amp + 1);
    }
    return {};
}

std::string jsonEscaped(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uint8_t(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

std::string isoNow()
{
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    tm t;
    gmtime_r(&ts.tv_sec, &t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", t.tm_year + 1900, t.tm_mon + 1,
        t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, ts.tv_nsec / 1000000);
    return buf;
}

// --- the server ------------------------------------------------------------------------------------------
struct Client
{
    int fd = -1;
    std::string in;
    std::string out; // bytes not yet accepted by the kernel
    bool websocket = false;
    bool closing = false;
    std::string channel;
    size_t slot = 0; // index in the channel's list
};

class Server
{
public:
    bool listenOn(const char *address, int port)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(uint16_t(port));
        if (::inet_pton(AF_INET, address, &a.sin_addr) != 1)
            return false;
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
            || ::listen(m_listen, 4096) != 0)
            return false;
        socklen_t length = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &length);
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr;
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listen, &ev);
        std::printf("listening on http://%s:%d\n", address, ntohs(a.sin_port));
        std::fflush(stdout);
        return true;
    }

    void run()
    {
        std::vector<epoll_event> events(512);
        while (!g_stop) {
            const int n = ::epoll_wait(m_epoll, events.data(), int(events.size()), 1000);
            for (int i = 0; i < n; ++i) {
                auto *c = static_cast<Client *>(events[size_t(i)].data.ptr);
                if (!c) {
                    acceptAll();
                    continue;
                }
                if (c->closing)
                    continue;
                if (events[size_t(i)].events & EPOLLOUT)
                    flush(c);
                if (!c->closing && (events[size_t(i)].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                    readFrom(c);
            }
            for (int fd : m_closing)
                destroy(fd);
            m_closing.clear();
        }
    }

private:
    void acceptAll()
    {
        for (;;) {
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
                return;
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto client = std::make_unique<Client>();
            client->fd = fd;
            epoll_event ev {};
            ev.events = EPOLLIN;
            ev.data.ptr = client.get();
            ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
            m_clients[fd] = std::move(client);
        }
    }

    void readFrom(Client *c)
    {
        char buffer[16384];
        for (;;) {
            const ssize_t got = ::recv(c->fd, buffer, sizeof buffer, 0);
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                close(c);
                return;
            }
            if (got < 0)
                break;
            c->in.append(buffer, size_t(got));
        }
        if (c->websocket)
            readFrames(c);
        else
            readRequests(c);
    }

    void readFrames(Client *c)
    {
        // Client frames are masked: 2 bytes, the extended length, 4 bytes of mask, the payload.
        while (!c->closing) {
            if (c->in.size() < 2)
                return;
            const auto *p = reinterpret_cast<const uint8_t *>(c->in.data());
            uint64_t length = p[1] & 0x7f;
            size_t header = 2;
            if (length == 126) {
                if (c->in.size() < 4)
                    return;
                length = uint64_t(p[2]) << 8 | p[3];
                header = 4;
            } else if (length == 127) {
                if (c->in.size() < 10)
                    return;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = length << 8 | p[2 + i];
                header = 10;
            }
            header += (p[1] & 0x80) ? 4 : 0;
            if (c->in.size() < header + length)
                return;
            if ((p[0] & 0x0f) == 0x8) { // close
                close(c);
                return;
            }
            c->in.erase(0, header + size_t(length));
        }
    }

    void readRequests(Client *c)
    {
        while (!c->closing) {
            const size_t end = c->in.find("\r\n\r\n");
            if (end == std::string::npos)
                return;
            const std::string head = c->in.substr(0, end + 4);
            const std::string lowered = lower(head);
            size_t contentLength = 0;
            if (const size_t at = lowered.find("\r\ncontent-length:"); at != std::string::npos)
                contentLength = std::strtoul(head.c_str() + at + 17, nullptr, 10);
            if (c->in.size() < end + 4 + contentLength)
                return;
            c->in.erase(0, end + 4 + contentLength);

            const size_t sp1 = head.find(' ');
            const size_t sp2 = head.find(' ', sp1 + 1);
            const std::string method = head.substr(0, sp1);
            const std::string target = head.substr(sp1 + 1, sp2 - sp1 - 1);
            const std::string path = target.substr(0, target.find('?'));

            if (method == "GET" && path == "/api/v1/ws"
                && lowered.find("\r\nupgrade: websocket") != std::string::npos) {
                const size_t at = lowered.find("\r\nsec-websocket-key:");
                if (at == std::string::npos) {
                    respond(c, "400 Bad Request", "{\"error\":\"no key\"}");
                    continue;
                }
                size_t from = at + 20;
                while (from < head.size() && head[from] == ' ')
                    ++from;
                const std::string key = head.substr(from, head.find("\r\n", from) - from);
                const std::string accept = base64(sha1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
                send(c,
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Accept: "
                        + accept + "\r\n\r\n");
                std::string channel = queryValue(target, "channel");
                c->websocket = true;
                c->channel = channel.empty() ? "general" : channel;
                auto &list = m_channels[c->channel];
                c->slot = list.size();
                list.push_back(c);
                readFrames(c);
                return;
            }
            if (method == "POST" && path == "/api/v1/ws/test-event") {
                std::string channel = queryValue(target, "channel");
                if (channel.empty())
                    channel = "general";
                const size_t recipients = broadcast(channel, queryValue(target, "message"));
                respond(c, "200 OK",
                    "{\"status\":\"sent\",\"channel\":\"" + jsonEscaped(channel)
                        + "\",\"recipients\":" + std::to_string(recipients) + "}");
                continue;
            }
            respond(c, "404 Not Found", "{\"error\":{\"code\":\"not_found\",\"message\":\"no such route\"}}");
        }
    }

    size_t broadcast(const std::string &channel, const std::string &message)
    {
        // The same shape and size as Pulso's test event (docs/API.md, "system_event").
        const std::string payload = "{\"type\":\"system_event\",\"level\":\"info\",\"message\":\""
            + jsonEscaped(message) + "\",\"data\":{\"channel\":\"" + jsonEscaped(channel)
            + "\",\"test\":true},\"timestamp\":\"" + isoNow() + "\",\"seq\":" + std::to_string(++m_seq)
            + ",\"epoch\":\"0123456789abcdef\"}";
        std::string frame;
        frame += char(0x81);
        if (payload.size() < 126) {
            frame += char(payload.size());
        } else if (payload.size() < 65536) {
            frame += char(126);
            frame += char(payload.size() >> 8);
            frame += char(payload.size() & 0xff);
        } else {
            frame += char(127);
            for (int i = 7; i >= 0; --i)
                frame += char((uint64_t(payload.size()) >> (i * 8)) & 0xff);
        }
        frame += payload;
        const auto found = m_channels.find(channel);
        if (found == m_channels.end())
            return 0;
        for (Client *c : found->second)
            send(c, frame);
        return found->second.size();
    }

    void respond(Client *c, const char *status, const std::string &body)
    {
        send(c,
            std::string("HTTP/1.1 ") + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                + std::to_string(body.size()) + "\r\n\r\n" + body);
    }

    void send(Client *c, const std::string &bytes)
    {
        if (c->closing)
            return;
        if (!c->out.empty()) {
            c->out += bytes;
            return;
        }
        const ssize_t sent = ::send(c->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == ssize_t(bytes.size()))
            return;
        if (sent < 0 && errno != EAGAIN) {
            close(c);
            return;
        }
        c->out.assign(bytes, size_t(sent < 0 ? 0 : sent));
        watchWrites(c, true);
    }

    void flush(Client *c)
    {
        while (!c->out.empty()) {
            const ssize_t sent = ::send(c->fd, c->out.data(), c->out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (sent < 0) {
                if (errno != EAGAIN)
                    close(c);
                return;
            }
            c->out.erase(0, size_t(sent));
        }
        watchWrites(c, false);
    }

    void watchWrites(Client *c, bool on)
    {
        epoll_event ev {};
        ev.events = on ? EPOLLIN | EPOLLOUT : EPOLLIN;
        ev.data.ptr = c;
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c->fd, &ev);
    }

    // Marks the client; it leaves its channel and is freed after the current batch of epoll events, so that a
    // broadcast in progress never sees its list change.
    void close(Client *c)
    {
        if (c->closing)
            return;
        c->closing = true;
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
        m_closing.push_back(c->fd);
    }

    void destroy(int fd)
    {
        const auto found = m_clients.find(fd);
        Client *c = found->second.get();
        if (c->websocket) {
            auto &list = m_channels[c->channel];
            list[c->slot] = list.back();
            list[c->slot]->slot = c->slot;
            list.pop_back();
        }
        ::close(fd);
        m_clients.erase(found);
    }

    int m_listen = -1;
    int m_epoll = -1;
    uint64_t m_seq = 0;
    std::unordered_map<int, std::unique_ptr<Client>> m_clients;
    std::map<std::string, std::vector<Client *>> m_channels;
    std::vector<int> m_closing;
};

} // namespace

int main(int argc, char **argv)
{
    const char *address = "127.0.0.1";
    int port = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--port") == 0)
            port = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--bind") == 0)
            address = argv[++i];
    }
    struct sigaction stop
    {
    };
    stop.sa_handler = [](int) { g_stop = 1; };
    ::sigaction(SIGTERM, &stop, nullptr);
    ::sigaction(SIGINT, &stop, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    Server server;
    if (!server.listenOn(address, port)) {
        std::fprintf(stderr, "cannot listen on %s:%d: %s\n", address, port, std::strerror(errno));
        return 1;
    }
    server.run();
    return 0;
}
