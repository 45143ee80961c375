<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>pulso::ConnectionsModel</name>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n connection</numerusform>
            <numerusform>%n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::ConnectionsPage</name>
    <message numerus="yes">
        <source>%n client(s) connected</source>
        <translation>
            <numerusform>%n client connected</numerusform>
            <numerusform>%n clients connected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::EntityPage</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::EventLogPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;Paused&lt;/b&gt;: %n new event(s) waiting</source>
        <translation>
            <numerusform>&lt;b&gt;Paused&lt;/b&gt;: %n new event waiting</numerusform>
            <numerusform>&lt;b&gt;Paused&lt;/b&gt;: %n new events waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) saved to %1.</source>
        <translation>
            <numerusform>%n event saved to %1.</numerusform>
            <numerusform>%n events saved to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::MainWindow</name>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n connection</numerusform>
            <numerusform>%n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::StatusPage</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct user_id(s)</source>
        <translation>
            <numerusform>%n distinct user_id</numerusform>
            <numerusform>%n distinct user_ids</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::TrayIcon</name>
    <message numerus="yes">
        <source>Running on port %1 · %n connection(s)</source>
        <translation>
            <numerusform>Running on port %1 · %n connection</numerusform>
            <numerusform>Running on port %1 · %n connections</numerusform>
        </translation>
    </message>
</context>
</TS>
