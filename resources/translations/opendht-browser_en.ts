<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActiveGateway</name>
    <message numerus="yes">
        <source>connected, %n peer(s)</source>
        <translation>
            <numerusform>connected, %n peer</numerusform>
            <numerusform>connected, %n peers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1. It is not restarted: it ended %n time(s) within %2 minutes.</source>
        <translation>
            <numerusform>%1. It is not restarted: it ended %n time within %2 minutes.</numerusform>
            <numerusform>%1. It is not restarted: it ended %n times within %2 minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArchiveReader</name>
    <message numerus="yes">
        <source>longer than %n bytes: not a value&apos;s record</source>
        <translation>
            <numerusform>longer than %n byte: not a value&apos;s record</numerusform>
            <numerusform>longer than %n bytes: not a value&apos;s record</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fields where the header names %1</source>
        <translation>
            <numerusform>%n field where the header names %1</numerusform>
            <numerusform>%n fields where the header names %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s), over the %1 bytes a classic gateway takes</source>
        <translation>
            <numerusform>%n byte, over the %1 bytes a classic gateway takes</numerusform>
            <numerusform>%n bytes, over the %1 bytes a classic gateway takes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchmarkDialog</name>
    <message numerus="yes">
        <source>Also &amp;put a short-lived value (%n s) after each get</source>
        <translation>
            <numerusform>Also &amp;put a short-lived value (%n s) after each get</numerusform>
            <numerusform>Also &amp;put a short-lived value (%n s) after each get</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Measuring %n gateways…</source>
        <translation>
            <numerusform>Measuring %n gateway…</numerusform>
            <numerusform>Measuring %n gateways…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificateDecoder</name>
    <message numerus="yes">
        <source>chain of %n certificate(s)</source>
        <translation>
            <numerusform>chain of %n certificate</numerusform>
            <numerusform>chain of %n certificates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassicReply</name>
    <message numerus="yes">
        <source>%1 did not send every page within %2 s (stopped after %n page(s))</source>
        <translation>
            <numerusform>%1 did not send every page within %2 s (stopped after %n page)</numerusform>
            <numerusform>%1 did not send every page within %2 s (stopped after %n pages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 sent over %2 bytes of pages in all (stopped after %n page(s))</source>
        <translation>
            <numerusform>%1 sent over %2 bytes of pages in all (stopped after %n page)</numerusform>
            <numerusform>%1 sent over %2 bytes of pages in all (stopped after %n pages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 sent the same placemark twice: paging stopped after %n page(s)</source>
        <translation>
            <numerusform>%1 sent the same placemark twice: paging stopped after %n page</numerusform>
            <numerusform>%1 sent the same placemark twice: paging stopped after %n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 sent more than %n page(s): paging stopped</source>
        <translation>
            <numerusform>%1 sent more than %n page: paging stopped</numerusform>
            <numerusform>%1 sent more than %n pages: paging stopped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 answered &quot;try again&quot; (status 2) %n time(s); giving up</source>
        <translation>
            <numerusform>%1 answered &quot;try again&quot; (status 2) %n time; giving up</numerusform>
            <numerusform>%1 answered &quot;try again&quot; (status 2) %n times; giving up</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DhtKey</name>
    <message numerus="yes">
        <source>the key is %n byte(s); a raw key is at most %1</source>
        <translation>
            <numerusform>the key is %n byte; a raw key is at most %1</numerusform>
            <numerusform>the key is %n bytes; a raw key is at most %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>a hex key needs an even number of digits; &quot;%1&quot; has %n</source>
        <translation>
            <numerusform>a hex key needs an even number of digits; &quot;%1&quot; has %n</numerusform>
            <numerusform>a hex key needs an even number of digits; &quot;%1&quot; has %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the key is %n byte(s); a hex key is at most %1 bytes (%2 digits)</source>
        <translation>
            <numerusform>the key is %n byte; a hex key is at most %1 bytes (%2 digits)</numerusform>
            <numerusform>the key is %n bytes; a hex key is at most %1 bytes (%2 digits)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewayBenchmark</name>
    <message numerus="yes">
        <source>Fastest healthy gateway: %1, median %2 over %n gets.</source>
        <translation>
            <numerusform>Fastest healthy gateway: %1, median %2 over %n get.</numerusform>
            <numerusform>Fastest healthy gateway: %1, median %2 over %n gets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %n call(s) failed (the last: %3).</source>
        <translation>
            <numerusform>%1: %2 of %n call failed (the last: %3).</numerusform>
            <numerusform>%1: %2 of %n calls failed (the last: %3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewayDock</name>
    <message numerus="yes">
        <source>Discovery: %n new gateway(s).</source>
        <translation>
            <numerusform>Discovery: %n new gateway.</numerusform>
            <numerusform>Discovery: %n new gateways.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>probing %1 of %n gateway(s)…</source>
        <translation>
            <numerusform>probing %1 of %n gateway…</numerusform>
            <numerusform>probing %1 of %n gateways…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n gateway(s) answer</source>
        <translation>
            <numerusform>%1 of %n gateway answer</numerusform>
            <numerusform>%1 of %n gateways answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n healthy</source>
        <translation>
            <numerusform>, %n healthy</numerusform>
            <numerusform>, %n healthy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewayTableModel</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message numerus="yes">
        <source>Forget all %n keys of the history?</source>
        <translation>
            <numerusform>Forget the %n key of the history?</numerusform>
            <numerusform>Forget all %n keys of the history?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InputCheck</name>
    <message numerus="yes">
        <source>the secret is %n byte(s); it must be 1 to %1</source>
        <translation>
            <numerusform>the secret is %n byte; it must be 1 to %1</numerusform>
            <numerusform>the secret is %n bytes; it must be 1 to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the value is %n byte(s); at most %1 fit</source>
        <translation>
            <numerusform>the value is %n byte; at most %1 fit</numerusform>
            <numerusform>the value is %n bytes; at most %1 fit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeptPutText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysCommand</name>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n classic item(s) kept by the gateway</source>
        <translation>
            <numerusform>%n classic item kept by the gateway</numerusform>
            <numerusform>%n classic items kept by the gateway</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n key(s) stored on %2</source>
        <translation>
            <numerusform>%1 of the %n key stored on %2</numerusform>
            <numerusform>%1 of the %n keys stored on %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) stored on %1</source>
        <translation>
            <numerusform>%n key stored on %1</numerusform>
            <numerusform>%n keys stored on %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MsgpackReader</name>
    <message numerus="yes">
        <source>%n byte(s) left after the first msgpack object</source>
        <translation>
            <numerusform>%n byte left after the first msgpack object</numerusform>
            <numerusform>%n bytes left after the first msgpack object</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MsgpackTree</name>
    <message numerus="yes">
        <source>%1… (%n character(s))</source>
        <translation>
            <numerusform>%1… (%n character)</numerusform>
            <numerusform>%1… (%n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>array, %n element(s)</source>
        <translation>
            <numerusform>array, %n element</numerusform>
            <numerusform>array, %n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>map, %n entry(s)</source>
        <translation>
            <numerusform>map, %n entry</numerusform>
            <numerusform>map, %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PutKeeping</name>
    <message numerus="yes">
        <source>keeping &quot;%1&quot; at %2: refreshed %n time(s), %3, downgrade at %4 (Ctrl+C stops it now)</source>
        <translation>
            <numerusform>keeping &quot;%1&quot; at %2: refreshed %n time, %3, downgrade at %4 (Ctrl+C stops it now)</numerusform>
            <numerusform>keeping &quot;%1&quot; at %2: refreshed %n times, %3, downgrade at %4 (Ctrl+C stops it now)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PutPanel</name>
    <message numerus="yes">
        <source>Puts %n byte(s) for %1%2.</source>
        <translation>
            <numerusform>Puts %n byte for %1%2.</numerusform>
            <numerusform>Puts %n bytes for %1%2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Puts %n byte(s) as a plain value of type %1 for %2: one POST, it ends %3.</source>
        <translation>
            <numerusform>Puts %n byte as a plain value of type %1 for %2: one POST, it ends %3.</numerusform>
            <numerusform>Puts %n bytes as a plain value of type %1 for %2: one POST, it ends %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Puts %n byte(s) as a plain value of type %1 for %2: the browser keeps it, it ends %3.</source>
        <translation>
            <numerusform>Puts %n byte as a plain value of type %1 for %2: the browser keeps it, it ends %3.</numerusform>
            <numerusform>Puts %n bytes as a plain value of type %1 for %2: the browser keeps it, it ends %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitNotice</name>
    <message numerus="yes">
        <source>The browser keeps %n put(s) alive through proxies. If it does not run again before %1, the first of them leaves the DHT before its TTL ends.</source>
        <translation>
            <numerusform>The browser keeps %n put alive through proxies. If it does not run again before %1, it leaves the DHT before its TTL ends.</numerusform>
            <numerusform>The browser keeps %n puts alive through proxies. If it does not run again before %1, the first of them leaves the DHT before its TTL ends.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionCopy</name>
    <message numerus="yes">
        <source>Copied %n value(s) as text, one a line (line breaks and controls shown as symbols)</source>
        <translation>
            <numerusform>Copied %n value as text, one a line (line breaks and controls shown as symbols)</numerusform>
            <numerusform>Copied %n values as text, one a line (line breaks and controls shown as symbols)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n value(s) as hex, one a line</source>
        <translation>
            <numerusform>Copied %n value as hex, one a line</numerusform>
            <numerusform>Copied %n values as hex, one a line</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n value(s) as base64, one a line</source>
        <translation>
            <numerusform>Copied %n value as base64, one a line</numerusform>
            <numerusform>Copied %n values as base64, one a line</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n opendht-cli command(s) that put these values again, one a line</source>
        <translation>
            <numerusform>Copied %n opendht-cli command that puts this value again</numerusform>
            <numerusform>Copied %n opendht-cli commands that put these values again, one a line</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionRemoval</name>
    <message numerus="yes">
        <source>Remove %n selected value(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Remove %n selected value? This cannot be undone.</numerusform>
            <numerusform>Remove %n selected values? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removal of %n value(s) accepted</source>
        <translation>
            <numerusform>Removal of %n value accepted</numerusform>
            <numerusform>Removal of %n values accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n put without a secret (nobody can remove them)</source>
        <translation>
            <numerusform>%n put without a secret (nobody can remove it)</numerusform>
            <numerusform>%n put without a secret (nobody can remove them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n put with another secret, left alone</source>
        <translation>
            <numerusform>%n put with another secret, left alone</numerusform>
            <numerusform>%n put with another secret, left alone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused: %1</source>
        <translation>
            <numerusform>%n refused: %1</numerusform>
            <numerusform>%n refused: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoredKeysModel</name>
    <message numerus="yes">
        <source>%n value(s), %1 bytes</source>
        <translation>
            <numerusform>%n value, %1 bytes</numerusform>
            <numerusform>%n values, %1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoredKeysPanel</name>
    <message numerus="yes">
        <source>%Ln key(s) stored on %1.</source>
        <translation>
            <numerusform>%Ln key stored on %1.</numerusform>
            <numerusform>%Ln keys stored on %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message numerus="yes">
        <source>Loaded %1 (%n byte(s)) into the editor.</source>
        <translation>
            <numerusform>Loaded %1 (%n byte) into the editor.</numerusform>
            <numerusform>Loaded %1 (%n bytes) into the editor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>binary file %1, %n byte(s)</source>
        <translation>
            <numerusform>binary file %1, %n byte</numerusform>
            <numerusform>binary file %1, %n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The value is the %n byte(s) of %1.</source>
        <translation>
            <numerusform>The value is the %n byte of %1.</numerusform>
            <numerusform>The value is the %n bytes of %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueFind</name>
    <message numerus="yes">
        <source>%1 of %n</source>
        <translation>
            <numerusform>%1 of %n</numerusform>
            <numerusform>%1 of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueFormat</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValuesStatus</name>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValuesTransfer</name>
    <message numerus="yes">
        <source>Exported %n value(s) of %1 to %2</source>
        <translation>
            <numerusform>Exported %n value of %1 to %2</numerusform>
            <numerusform>Exported %n values of %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Putting values under %1: %n stored</source>
        <translation>
            <numerusform>Putting values under %1: %n stored</numerusform>
            <numerusform>Putting values under %1: %n stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled: %n value(s) stored under %1 before that.</source>
        <translation>
            <numerusform>Import cancelled: %n value stored under %1 before that.</numerusform>
            <numerusform>Import cancelled: %n values stored under %1 before that.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n value(s) under %1.</source>
        <translation>
            <numerusform>Imported %n value under %1.</numerusform>
            <numerusform>Imported %n values under %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused:</source>
        <translation>
            <numerusform>%n refused:</numerusform>
            <numerusform>%n refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  %n line(s) that are not a value&apos;s record</source>
        <translation>
            <numerusform>  %n line that is not a value&apos;s record</numerusform>
            <numerusform>  %n lines that are not a value&apos;s record</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  %n value(s) longer than a classic gateway takes</source>
        <translation>
            <numerusform>  %n value longer than a classic gateway takes</numerusform>
            <numerusform>  %n values longer than a classic gateway takes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  %n value(s) whose TTL was already over</source>
        <translation>
            <numerusform>  %n value whose TTL was already over</numerusform>
            <numerusform>  %n values whose TTL was already over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  %n put(s) the gateway refused</source>
        <translation>
            <numerusform>  %n put the gateway refused</numerusform>
            <numerusform>  %n puts the gateway refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) came from another key in the file: they were put under this one.</source>
        <translation>
            <numerusform>%n value came from another key in the file: it was put under this one.</numerusform>
            <numerusform>%n values came from another key in the file: they were put under this one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) had no TTL in the file: put for %1.</source>
        <translation>
            <numerusform>%n value had no TTL in the file: put for %1.</numerusform>
            <numerusform>%n values had no TTL in the file: put for %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) had a secret: they were put without one (a file holds only its hash), so they cannot be removed.</source>
        <translation>
            <numerusform>%n value had a secret: it was put without one (a file holds only its hash), so it cannot be removed.</numerusform>
            <numerusform>%n values had a secret: they were put without one (a file holds only its hash), so they cannot be removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
