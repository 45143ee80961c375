# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later

# pulso_add_test(<name> SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s] [QSQLQUERY_TOO] [QTSOCKETS_TOO])
# One Qt Test executable per class or feature, registered with ctest. QSQLQUERY_TOO registers it a second
# time as <name>_qsqlquery with PULSO_SQLITE_DIRECT=0: storage through QSqlQuery only, the path a Qt whose
# QSQLITE plugin has its own SQLite (Qt's Windows and macOS builds) takes. QTSOCKETS_TOO registers it as
# <name>_qtsockets with PULSO_WS_EPOLL=0: every WebSocket client on its QTcpSocket, the path of systems
# without epoll.
# One ctest registration of `executable`.
function(_pulso_register_test name executable timeout labels environment)
    add_test(NAME ${name} COMMAND ${executable})
    set_tests_properties(${name} PROPERTIES TIMEOUT ${timeout} LABELS "${labels}" ENVIRONMENT "${environment}")
endfunction()

function(pulso_add_test name)
    cmake_parse_arguments(ARG "QSQLQUERY_TOO;QTSOCKETS_TOO" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set(environment "QT_QPA_PLATFORM=offscreen;QT_NO_GLIB=1;PULSO_BINARY=$<TARGET_FILE:pulso>;PULSO_SOURCE_DIR=${PROJECT_SOURCE_DIR};${ARG_ENVIRONMENT}")
    _pulso_register_test(${name} ${name} ${ARG_TIMEOUT} "${ARG_LABELS}" "${environment}")
    if(ARG_QSQLQUERY_TOO)
        _pulso_register_test(${name}_qsqlquery ${name} ${ARG_TIMEOUT} "${ARG_LABELS};qsqlquery"
            "${environment};PULSO_SQLITE_DIRECT=0")
    endif()
    if(ARG_QTSOCKETS_TOO)
        _pulso_register_test(${name}_qtsockets ${name} ${ARG_TIMEOUT} "${ARG_LABELS};qtsockets"
            "${environment};PULSO_WS_EPOLL=0")
    endif()
endfunction()
