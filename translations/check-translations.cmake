# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translation catalogue is stale (lupdate would change it) or has unfinished entries.
# Run by ctest (translations_current) in CMake script mode with:
#   LUPDATE          path to lupdate
#   PROJECT_CMAKE    the .lupdate/pulso_ui_project.cmake written by qt_add_lupdate()
#   PROJECT_JSON_GEN Qt's GenerateLUpdateProject.cmake
#   TS_FILES         the catalogues (|-list); a file named *_en.ts is the source language (-pluralonly)
#   OPTIONS          lupdate options shared with update_translations (|-list)
#   WORK_DIR         scratch directory
foreach(var LUPDATE PROJECT_CMAKE PROJECT_JSON_GEN TS_FILES WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check-translations: ${var} is not set")
    endif()
endforeach()
string(REPLACE "|" ";" TS_FILES "${TS_FILES}")
string(REPLACE "|" ";" OPTIONS "${OPTIONS}")
if(NOT EXISTS "${PROJECT_CMAKE}")
    message(FATAL_ERROR "check-translations: ${PROJECT_CMAKE} is missing; configure the project first")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(json "${WORK_DIR}/project.json")
execute_process(COMMAND "${CMAKE_COMMAND}" "-DIN_FILE=${PROJECT_CMAKE}" "-DOUT_FILE=${json}"
    -P "${PROJECT_JSON_GEN}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "check-translations: could not generate the lupdate project")
endif()

set(problems "")
foreach(ts IN LISTS TS_FILES)
    get_filename_component(name "${ts}" NAME)
    set(copy "${WORK_DIR}/${name}")
    file(COPY_FILE "${ts}" "${copy}")
    set(extra "")
    if(name MATCHES "_en\\.ts$")
        set(extra -pluralonly)
    endif()
    execute_process(COMMAND "${LUPDATE}" -silent -project "${json}" ${OPTIONS} ${extra} -ts "${copy}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "check-translations: lupdate failed on ${name}:\n${out}${err}")
    endif()
    file(READ "${ts}" before)
    file(READ "${copy}" after)
    if(NOT before STREQUAL after)
        execute_process(COMMAND diff -u "${ts}" "${copy}" OUTPUT_VARIABLE diff)
        string(APPEND problems "${name} is stale: run `cmake --build <build> --target update_translations`, "
            "translate, commit.\n${diff}\n")
    endif()
    file(STRINGS "${ts}" unfinished REGEX "type=\"(unfinished|vanished|obsolete)\"")
    list(LENGTH unfinished count)
    if(count GREATER 0)
        string(APPEND problems "${name} has ${count} unfinished or obsolete entries.\n")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "${problems}")
endif()
message(STATUS "translations are current and complete: ${TS_FILES}")
