<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>catdpo::ui::AboutDialog</name>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Safety alignment with per-category adaptive margins (Cat-DPO) and the methods it is compared with.&lt;/p&gt;&lt;p&gt;LibTorch %3 &amp;middot; %4 &amp;middot; %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Sicherheitsausrichtung mit kategorieweise adaptiven Margen (Cat-DPO) und den Vergleichsverfahren.&lt;/p&gt;&lt;p&gt;LibTorch %3 &amp;middot; %4 &amp;middot; %5&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n CUDA device(s)</source>
        <translation>
            <numerusform>%n CUDA-Gerät</numerusform>
            <numerusform>%n CUDA-Geräte</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>About Cat-DPO Studio</source>
        <translation>Über Cat-DPO Studio</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::MainWindow</name>
    <message>
        <source>Cat-DPO Studio</source>
        <translation>Cat-DPO Studio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Cat-DPO Studio&lt;/h2&gt;&lt;p&gt;Drag a preference data set onto this window, or start the built-in demo.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Cat-DPO Studio&lt;/h2&gt;&lt;p&gt;Ziehen Sie einen Präferenzdatensatz auf dieses Fenster oder starten Sie die eingebaute Demo.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cat-DPO Studio</source>
        <translation>Ü&amp;ber Cat-DPO Studio</translation>
    </message>
</context>
</TS>
