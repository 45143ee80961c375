<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ApiMessages</name>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>no puede estar vacío</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <source>must be text or empty</source>
        <translation>debe ser texto o quedar vacío</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>debe ser un número</translation>
    </message>
    <message>
        <source>must be a number or empty</source>
        <translation>debe ser un número o quedar vacío</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>debe ser un número entero</translation>
    </message>
    <message>
        <source>must be a whole number or empty</source>
        <translation>debe ser un número entero o quedar vacío</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>debe ser sí o no</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>debe ser un número finito</translation>
    </message>
    <message>
        <source>must be a positive id</source>
        <translation>debe ser un id positivo</translation>
    </message>
    <message>
        <source>must not contain NUL characters</source>
        <translation>no puede contener caracteres NUL</translation>
    </message>
    <message>
        <source>must be between the years 0001 and 9999</source>
        <translation>debe estar entre los años 0001 y 9999</translation>
    </message>
    <message>
        <source>must be a date and time such as 2025-07-20T00:05:37Z</source>
        <translation>debe ser una fecha y hora como 2025-07-20T00:05:37Z</translation>
    </message>
    <message>
        <source>is not a date and time between the years 0001 and 9999 (e.g. 2025-07-20T00:05:37Z)</source>
        <translation>no es una fecha y hora entre los años 0001 y 9999 (p. ej. 2025-07-20T00:05:37Z)</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>debe estar entre %1 y %2</translation>
    </message>
    <message>
        <source>must be at most %1 characters long</source>
        <translation>debe tener como máximo %1 caracteres</translation>
    </message>
    <message>
        <source>must not be greater than %1</source>
        <translation>no puede ser mayor que %1</translation>
    </message>
    <message>
        <source>must not be less than %1</source>
        <translation>no puede ser menor que %1</translation>
    </message>
    <message>
        <source>must be a whole number of seconds between 1 and %1</source>
        <translation>debe ser un número entero de segundos entre 1 y %1</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>debe ser uno de: %1</translation>
    </message>
    <message>
        <source>there is no %1 with id %2</source>
        <translation>no hay %1 con id %2</translation>
    </message>
    <message>
        <source>reading %1 belongs to sensor %2, not to sensor %3</source>
        <translation>la lectura %1 pertenece al sensor %2, no al sensor %3</translation>
    </message>
    <message>
        <source>unknown field; known fields: %1</source>
        <translation>campo desconocido; campos válidos: %1</translation>
    </message>
    <message>
        <source>Not saved: %1.</source>
        <translation>No se guardó: %1.</translation>
    </message>
    <message>
        <source>The server is not running; start it and try again.</source>
        <translation>El servidor no está en marcha; inícielo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>There is no %1 with id %2 (it may have just been deleted).</source>
        <translation>No hay %1 con id %2 (quizá se acaba de eliminar).</translation>
    </message>
    <message>
        <source>The %1 with id %2 cannot be deleted while %3 refer to it; delete those first.</source>
        <translation>No se puede eliminar %1 con id %2 mientras haya %3 que hagan referencia a ese registro; elimínelos primero.</translation>
    </message>
</context>
<context>
    <name>EntitySchema</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <source>location</source>
        <translation>ubicación</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>-90 to 90</source>
        <translation>de -90 a 90</translation>
    </message>
    <message>
        <source>-180 to 180</source>
        <translation>de -180 a 180</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensores</translation>
    </message>
    <message>
        <source>sensor</source>
        <translation>sensor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Min. threshold</source>
        <translation>Umbral mín.</translation>
    </message>
    <message>
        <source>Max. threshold</source>
        <translation>Umbral máx.</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>lectura</translation>
    </message>
    <message>
        <source>Measured at</source>
        <translation>Medido el</translation>
    </message>
    <message>
        <source>empty: now (ISO 8601, e.g. 2025-07-20T00:05:37Z)</source>
        <translation>vacío: ahora (ISO 8601, p. ej. 2025-07-20T00:05:37Z)</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalías</translation>
    </message>
    <message>
        <source>anomaly</source>
        <translation>anomalía</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severidad</translation>
    </message>
    <message>
        <source>Detected at</source>
        <translation>Detectada el</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lectura</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Predicciones</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>predicción</translation>
    </message>
    <message>
        <source>Horizon (s)</source>
        <translation>Horizonte (s)</translation>
    </message>
    <message>
        <source>seconds ahead</source>
        <translation>segundos hacia adelante</translation>
    </message>
    <message>
        <source>Predicted value</source>
        <translation>Valor predicho</translation>
    </message>
    <message>
        <source>Lower bound</source>
        <translation>Límite inferior</translation>
    </message>
    <message>
        <source>Upper bound</source>
        <translation>Límite superior</translation>
    </message>
    <message>
        <source>sensor %1: %2</source>
        <translation>sensor %1: %2</translation>
    </message>
    <message>
        <source>sensor %1: %2 (%3)</source>
        <translation>sensor %1: %2 (%3)</translation>
    </message>
    <message>
        <source>sensor %1: %2 in %3 s</source>
        <translation>sensor %1: %2 en %3 s</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>pulso::ChartPage</name>
    <message>
        <source>Sensor:</source>
        <translation>Sensor:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Last 10 minutes</source>
        <translation>Últimos 10 minutos</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Newest %1 readings</source>
        <translation>Las %1 lecturas más recientes</translation>
    </message>
    <message>
        <source>Load again from the database</source>
        <translation>Volver a cargar desde la base de datos</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalías</translation>
    </message>
    <message>
        <source>Min. threshold</source>
        <translation>Umbral mín.</translation>
    </message>
    <message>
        <source>Max. threshold</source>
        <translation>Umbral máx.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Value (%1)</source>
        <translation>Valor (%1)</translation>
    </message>
    <message>
        <source>%1 readings, %2 anomalies</source>
        <translation>%1 lecturas, %2 anomalías</translation>
    </message>
    <message>
        <source>No sensors yet. Create one on the Sensors page or through POST /api/v1/sensors.</source>
        <translation>Aún no hay sensores. Cree uno en la página Sensores o con POST /api/v1/sensors.</translation>
    </message>
    <message>
        <source>No readings for this sensor in this period yet. New readings appear here as they arrive.</source>
        <translation>Todavía no hay lecturas de este sensor en este periodo. Las nuevas lecturas aparecen aquí en cuanto llegan.</translation>
    </message>
</context>
<context>
    <name>pulso::ConnectionsModel</name>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n conexión</numerusform>
            <numerusform>%n conexiones</numerusform>
        </translation>
    </message>
    <message>
        <source>(no user_id) #%1</source>
        <translation>(sin user_id) #%1</translation>
    </message>
    <message>
        <source>Client #%1 on /api/v1/ws%2?channel=%3, connected %4</source>
        <translation>Cliente #%1 en /api/v1/ws%2?channel=%3, conectado el %4</translation>
    </message>
    <message>
        <source>Channel / user_id</source>
        <translation>Canal / user_id</translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation>Dirección remota</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Conectado desde</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Mensajes enviados</translation>
    </message>
    <message>
        <source>Bytes waiting</source>
        <translation>Bytes en espera</translation>
    </message>
</context>
<context>
    <name>pulso::ConnectionsPage</name>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Close the selected clients&apos; connections (WebSocket code 1008)</source>
        <translation>Cerrar la conexión de los clientes seleccionados (código WebSocket 1008)</translation>
    </message>
    <message>
        <source>Clients connect to ws://&lt;address&gt;:&lt;port&gt;/api/v1/ws?channel=&lt;channel&gt;&amp;user_id=&lt;name&gt;. The general channel receives every event.</source>
        <translation>Los clientes se conectan a ws://&lt;dirección&gt;:&lt;puerto&gt;/api/v1/ws?channel=&lt;canal&gt;&amp;user_id=&lt;nombre&gt;. El canal general recibe todos los eventos.</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) connected</source>
        <translation>
            <numerusform>%n cliente conectado</numerusform>
            <numerusform>%n clientes conectados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::EntityDialog</name>
    <message>
        <source>Edit %1 #%2</source>
        <translation>Editar %1 #%2</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>Crear %1</translation>
    </message>
    <message>
        <source>Saving sends an &lt;b&gt;updated&lt;/b&gt; event to the %1 and general channels.</source>
        <translation>Al guardar se envía un evento &lt;b&gt;updated&lt;/b&gt; a los canales %1 y general.</translation>
    </message>
    <message>
        <source>Saving sends a &lt;b&gt;created&lt;/b&gt; event to the %1 and general channels.</source>
        <translation>Al guardar se envía un evento &lt;b&gt;created&lt;/b&gt; a los canales %1 y general.</translation>
    </message>
    <message>
        <source>API field: %1</source>
        <translation>Campo de la API: %1</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(predeterminado)</translation>
    </message>
    <message>
        <source>id of the %1</source>
        <translation>id (%1)</translation>
    </message>
    <message>
        <source>Not saved: correct the marked fields.</source>
        <translation>No se guardó: corrija los campos marcados.</translation>
    </message>
</context>
<context>
    <name>pulso::EntityPage</name>
    <message>
        <source>New…</source>
        <translation>Nuevo…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>Filtrar…</translation>
    </message>
    <message>
        <source>Create a %1 (POST %2)</source>
        <translation>Crear %1 (POST %2)</translation>
    </message>
    <message>
        <source>Load the table again from the database</source>
        <translation>Volver a cargar la tabla desde la base de datos</translation>
    </message>
    <message>
        <source>The newest %1 rows are shown; the REST API pages through all of them.</source>
        <translation>Se muestran las %1 filas más recientes; la API REST permite recorrerlas todas por páginas.</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Eliminar %1</translation>
    </message>
    <message>
        <source>Delete the %1 %2? Clients on the %3 channel receive a deleted event.</source>
        <translation>¿Eliminar %1 %2? Los clientes del canal %3 recibirán un evento deleted.</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>No se eliminó</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 de %2 filas</translation>
    </message>
</context>
<context>
    <name>pulso::EventLogModel</name>
    <message>
        <source> (test event)</source>
        <translation> (evento de prueba)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
</context>
<context>
    <name>pulso::EventLogPage</name>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Search summary and JSON…</source>
        <translation>Buscar en el resumen y el JSON…</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>All entities</source>
        <translation>Todas las entidades</translation>
    </message>
    <message>
        <source>system events</source>
        <translation>eventos del sistema</translation>
    </message>
    <message>
        <source>All event types</source>
        <translation>Todos los tipos de evento</translation>
    </message>
    <message>
        <source>system: %1</source>
        <translation>sistema: %1</translation>
    </message>
    <message>
        <source>Stop adding rows; events keep being collected and appear on resume</source>
        <translation>Dejar de añadir filas; los eventos se siguen recogiendo y aparecen al reanudar</translation>
    </message>
    <message>
        <source>Remove every row from the log (the server keeps its history)</source>
        <translation>Quitar todas las filas del registro (el servidor conserva su historial)</translation>
    </message>
    <message>
        <source>Save the rows shown (with the current filters) to a file</source>
        <translation>Guardar en un archivo las filas visibles (con los filtros actuales)</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)…</source>
        <translation>JSON Lines (.jsonl)…</translation>
    </message>
    <message>
        <source>CSV (.csv)…</source>
        <translation>CSV (.csv)…</translation>
    </message>
    <message>
        <source>Select an event to see its JSON.</source>
        <translation>Seleccione un evento para ver su JSON.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Showing %1 of %2 events</source>
        <translation>Mostrando %1 de %2 eventos</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 eventos</translation>
    </message>
    <message>
        <source>keeps the last %1</source>
        <translation>conserva los últimos %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Paused&lt;/b&gt;: %n new event(s) waiting</source>
        <translation>
            <numerusform>&lt;b&gt;En pausa&lt;/b&gt;: %n evento nuevo en espera</numerusform>
            <numerusform>&lt;b&gt;En pausa&lt;/b&gt;: %n eventos nuevos en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <source>The events could not be saved to %1:
%2</source>
        <translation>No se pudieron guardar los eventos en %1:
%2</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Exportación terminada</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) saved to %1.</source>
        <translation>
            <numerusform>%n evento guardado en %1.</numerusform>
            <numerusform>%n eventos guardados en %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulso::Language</name>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
</context>
<context>
    <name>pulso::MainWindow</name>
    <message>
        <source>Pulso — operator console</source>
        <translation>Pulso — consola de operación</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Registro de eventos</translation>
    </message>
    <message>
        <source>Server started on port %1</source>
        <translation>Servidor iniciado en el puerto %1</translation>
    </message>
    <message>
        <source>Test event #%1 sent to %2</source>
        <translation>Evento de prueba #%1 enviado a %2</translation>
    </message>
    <message>
        <source>The test event was not sent: %1</source>
        <translation>No se envió el evento de prueba: %1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Start the server</source>
        <translation>Iniciar el servidor</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Stop the server (clients are told to reconnect later)</source>
        <translation>Detener el servidor (se pide a los clientes que se reconecten más tarde)</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source>Stop and start the server again</source>
        <translation>Detener y volver a iniciar el servidor</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>&amp;Quit Pulso</source>
        <translation>&amp;Salir de Pulso</translation>
    </message>
    <message>
        <source>The new language is used the next time Pulso starts.</source>
        <translation>El nuevo idioma se usará la próxima vez que se inicie Pulso.</translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program (perhaps another Pulso). Close that program, or choose another port in Settings.</source>
        <translation>El puerto %1 ya lo está usando otro programa (quizá otro Pulso). Cierre ese programa o elija otro puerto en Ajustes.</translation>
    </message>
    <message>
        <source>The address %1 does not belong to this computer. Choose another address in Settings (0.0.0.0 listens on every interface).</source>
        <translation>La dirección %1 no pertenece a este equipo. Elija otra dirección en Ajustes (0.0.0.0 escucha en todas las interfaces).</translation>
    </message>
    <message>
        <source>Pulso may not listen on port %1: ports below 1024 need administrator rights. Choose a port above 1024 in Settings.</source>
        <translation>Pulso no tiene permiso para escuchar en el puerto %1: los puertos por debajo de 1024 requieren privilegios de administrador. Elija un puerto mayor que 1024 en Ajustes.</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>No se pudo iniciar el servidor: %1</translation>
    </message>
    <message>
        <source>● Running on port %1</source>
        <translation>● En marcha en el puerto %1</translation>
    </message>
    <message>
        <source>● Starting…</source>
        <translation>● Iniciando…</translation>
    </message>
    <message>
        <source>● Stopping…</source>
        <translation>● Deteniendo…</translation>
    </message>
    <message>
        <source>● Not running</source>
        <translation>● Sin servicio</translation>
    </message>
    <message>
        <source>● Stopped</source>
        <translation>● Detenido</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n conexión</numerusform>
            <numerusform>%n conexiones</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 events/s · %2 deliveries/s</source>
        <translation>%1 eventos/s · %2 entregas/s</translation>
    </message>
    <message>
        <source>Pulso is still running</source>
        <translation>Pulso sigue en marcha</translation>
    </message>
    <message>
        <source>The server keeps serving clients. Use the tray icon to open the console or quit.</source>
        <translation>El servidor sigue atendiendo a los clientes. Use el icono de la bandeja para abrir la consola o salir.</translation>
    </message>
    <message>
        <source>Live chart</source>
        <translation>Gráfico en vivo</translation>
    </message>
    <message>
        <source>API tokens</source>
        <translation>Tokens de API</translation>
    </message>
</context>
<context>
    <name>pulso::RateChart</name>
    <message>
        <source>Events/s</source>
        <translation>Eventos/s</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Entregas/s</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>eventos/s</translation>
    </message>
    <message>
        <source>deliveries/s</source>
        <translation>entregas/s</translation>
    </message>
</context>
<context>
    <name>pulso::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>0.0.0.0 — every network interface (LAN)</source>
        <translation>0.0.0.0 — todas las interfaces de red (LAN)</translation>
    </message>
    <message>
        <source>127.0.0.1 — this computer only</source>
        <translation>127.0.0.1 — solo este equipo</translation>
    </message>
    <message>
        <source>%1 — this address only</source>
        <translation>%1 — solo esta dirección</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Escuchar en:</translation>
    </message>
    <message>
        <source>Start the server when the console opens</source>
        <translation>Iniciar el servidor al abrir la consola</translation>
    </message>
    <message>
        <source>Changing the port or address restarts the server; connected clients are told to reconnect (code 1001).</source>
        <translation>Cambiar el puerto o la dirección reinicia el servidor; se pide a los clientes conectados que se reconecten (código 1001).</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Consola</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>The language changes the next time Pulso starts.</source>
        <translation>El idioma cambia la próxima vez que se inicie Pulso.</translation>
    </message>
    <message>
        <source>Closing the window keeps the server running in the system tray</source>
        <translation>Al cerrar la ventana, el servidor sigue en marcha en la bandeja del sistema</translation>
    </message>
    <message>
        <source>No system tray was found: closing the window quits Pulso.</source>
        <translation>No se encontró bandeja del sistema: cerrar la ventana cierra Pulso.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address. Use 0.0.0.0 for every interface, 127.0.0.1 for this computer only, or one of this computer&apos;s addresses.</source>
        <translation>«%1» no es una dirección IP. Use 0.0.0.0 para todas las interfaces, 127.0.0.1 solo para este equipo, o una de las direcciones de este equipo.</translation>
    </message>
</context>
<context>
    <name>pulso::StatusPage</name>
    <message>
        <source>Addresses for clients</source>
        <translation>Direcciones para los clientes</translation>
    </message>
    <message>
        <source>The server is not listening.</source>
        <translation>El servidor no está escuchando.</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Tiempo en marcha</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Events per second</source>
        <translation>Eventos por segundo</translation>
    </message>
    <message>
        <source>Deliveries per second</source>
        <translation>Entregas por segundo</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Sin servicio</translation>
    </message>
    <message>
        <source>Database: %1  ·  Pulso %2</source>
        <translation>Base de datos: %1  ·  Pulso %2</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marcha</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>puerto %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>desde %1</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <source>HTTP (REST API)</source>
        <translation>HTTP (API REST)</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>%1 (this computer only)</source>
        <translation>%1 (solo este equipo)</translation>
    </message>
    <message>
        <source>%1 (local network)</source>
        <translation>%1 (red local)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>Copiar %1 al portapapeles</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <source>Connections per channel</source>
        <translation>Conexiones por canal</translation>
    </message>
    <message numerus="yes">
        <source>%n distinct user_id(s)</source>
        <translation>
            <numerusform>%n user_id distinto</numerusform>
            <numerusform>%n user_id distintos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 since start</source>
        <translation>%1 desde el inicio</translation>
    </message>
    <message>
        <source>open: no token needed, except to manage tokens and for /api/v1/ws/secure</source>
        <translation>open: no hace falta token, salvo para gestionar tokens y para /api/v1/ws/secure</translation>
    </message>
    <message>
        <source>remote: this computer needs no token; writes from other machines need a writer token</source>
        <translation>remote: este equipo no necesita token; las escrituras desde otras máquinas necesitan un token writer</translation>
    </message>
    <message>
        <source>all: every request needs a token (reader to read, writer to write)</source>
        <translation>all: toda petición necesita un token (reader para leer, writer para escribir)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Access policy&lt;/b&gt; (--auth) %1</source>
        <translation>&lt;b&gt;Política de acceso&lt;/b&gt; (--auth) %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;TLS&lt;/b&gt; on: clients use https:// and wss:// (certificate %1)</source>
        <translation>&lt;b&gt;TLS&lt;/b&gt; activado: los clientes usan https:// y wss:// (certificado %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;TLS&lt;/b&gt; off: traffic is not encrypted (see --tls-cert and --tls-key)</source>
        <translation>&lt;b&gt;TLS&lt;/b&gt; desactivado: el tráfico no va cifrado (véanse --tls-cert y --tls-key)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Allowed web origins&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Orígenes web permitidos&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>HTTPS (REST API)</source>
        <translation>HTTPS (API REST)</translation>
    </message>
</context>
<context>
    <name>pulso::TestEventBar</name>
    <message>
        <source>Test event:</source>
        <translation>Evento de prueba:</translation>
    </message>
    <message>
        <source>Channel that receives the test event (general also gets it)</source>
        <translation>Canal que recibe el evento de prueba (general también lo recibe)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>test</source>
        <translation>prueba</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Enviar evento de prueba</translation>
    </message>
    <message>
        <source>Publish a system_event with data.test = true, like POST /api/v1/ws/test-event</source>
        <translation>Publicar un system_event con data.test = true, como POST /api/v1/ws/test-event</translation>
    </message>
</context>
<context>
    <name>pulso::TokensPage</name>
    <message>
        <source>Create token</source>
        <translation>Crear token</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revocar…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>API tokens let programs on other machines write (writer), read when every request needs a token (reader), use /api/v1/ws/secure (reader) or manage tokens (admin). Give each client its own token, so that one can be revoked without the others. Only a hash is stored: a token&apos;s secret is shown once, when it is created.</source>
        <translation>Los tokens de API permiten a programas de otras máquinas escribir (writer), leer cuando toda petición necesita token (reader), usar /api/v1/ws/secure (reader) o gestionar tokens (admin). Dé a cada cliente su propio token, para poder revocar uno sin tocar los demás. Solo se guarda un hash: el secreto de un token se muestra una sola vez, al crearlo.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Nuevo token</translation>
    </message>
    <message>
        <source>Name, e.g. wall panel</source>
        <translation>Nombre, p. ej. panel de pared</translation>
    </message>
    <message>
        <source>reader — read and subscribe</source>
        <translation>reader — leer y suscribirse</translation>
    </message>
    <message>
        <source>writer — also create, change and delete</source>
        <translation>writer — además crear, modificar y borrar</translation>
    </message>
    <message>
        <source>admin — also manage tokens</source>
        <translation>admin — además gestionar tokens</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Forget the secret: it cannot be shown again</source>
        <translation>Olvidar el secreto: no se podrá volver a mostrar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revocado %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Token “%1” created (%2).&lt;/b&gt; Copy its secret now: this is the only time it is shown. Clients send it as &lt;tt&gt;Authorization: Bearer …&lt;/tt&gt; or, for WebSockets, as &lt;tt&gt;?token=…&lt;/tt&gt;.</source>
        <translation>&lt;b&gt;Token «%1» creado (%2).&lt;/b&gt; Copie ahora su secreto: es la única vez que se muestra. Los clientes lo envían como &lt;tt&gt;Authorization: Bearer …&lt;/tt&gt; o, en los WebSocket, como &lt;tt&gt;?token=…&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Revocar token</translation>
    </message>
    <message>
        <source>Revoke the token “%1” (%2)? Programs using it are refused from now on and its open WebSocket connections are closed. This cannot be undone.</source>
        <translation>¿Revocar el token «%1» (%2)? Los programas que lo usan serán rechazados desde ahora y sus conexiones WebSocket abiertas se cerrarán. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
</context>
<context>
    <name>pulso::TrayIcon</name>
    <message>
        <source>Show console</source>
        <translation>Mostrar la consola</translation>
    </message>
    <message numerus="yes">
        <source>Running on port %1 · %n connection(s)</source>
        <translation>
            <numerusform>En marcha en el puerto %1 · %n conexión</numerusform>
            <numerusform>En marcha en el puerto %1 · %n conexiones</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>Not running: the server could not start</source>
        <translation>Sin servicio: no se pudo iniciar el servidor</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Pulso — %1</source>
        <translation>Pulso — %1</translation>
    </message>
    <message>
        <source>Hide console</source>
        <translation>Ocultar la consola</translation>
    </message>
</context>
</TS>
