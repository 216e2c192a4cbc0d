# SPDX-License-Identifier: MIT
# Finds every third-party dependency once, and fails with the Debian package to install
# when one is missing, so a new user never has to decode a CMake backtrace.

# catdpo_require(<Package> <debian-package> [find_package args...])
macro(catdpo_require pkg debian)
  find_package(${pkg} ${ARGN} QUIET)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR
      "Cat-DPO Studio needs ${pkg}, which was not found.\n"
      "On Debian 12 install it with:  sudo apt-get install ${debian}\n"
      "(or run packaging/install-deps.sh, which installs everything the build needs).")
  endif()
endmacro()

find_package(PkgConfig QUIET)

# --- LibTorch: Debian's 1.13 (CPU), or an official archive through CMAKE_PREFIX_PATH --------
set(CATDPO_TORCH_MIN_VERSION 1.13)
set(CATDPO_TORCH_MAX_VERSION 2.99)
catdpo_require(Torch libtorch-dev)
if(Torch_VERSION AND (Torch_VERSION VERSION_LESS CATDPO_TORCH_MIN_VERSION OR
                      Torch_VERSION VERSION_GREATER CATDPO_TORCH_MAX_VERSION))
  message(FATAL_ERROR
    "LibTorch ${Torch_VERSION} found in ${Torch_DIR} is outside the supported range "
    "${CATDPO_TORCH_MIN_VERSION} .. ${CATDPO_TORCH_MAX_VERSION}. Use Debian's libtorch-dev, or point "
    "CMAKE_PREFIX_PATH at an official LibTorch archive in that range.")
endif()
set(CATDPO_TORCH_HAS_CUDA OFF)
if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES OR CUDA_FOUND)
  set(CATDPO_TORCH_HAS_CUDA ON)
endif()
if(CATDPO_CUDA AND NOT CATDPO_TORCH_HAS_CUDA)
  message(FATAL_ERROR
    "CATDPO_CUDA=ON but the LibTorch found in ${Torch_DIR} has no CUDA support. Download the CUDA "
    "build of LibTorch and pass -DCMAKE_PREFIX_PATH=/path/to/libtorch.")
endif()
message(STATUS "LibTorch ${Torch_VERSION} (${Torch_DIR}), CUDA: ${CATDPO_TORCH_HAS_CUDA}")
# An official LibTorch archive stays where it was unpacked: installed binaries find it (and the
# CUDA libraries beside it) through their RUNPATH. Debian's is on the system path and needs none.
if(NOT Torch_DIR MATCHES "^/usr/")
  set(CMAKE_INSTALL_RPATH_USE_LINK_PATH ON)
endif()

# TorchConfig looks for c10 with find_library(... PATHS <LibTorch>/lib), and PATHS come after the
# system folders: with Debian's libtorch-dev installed too, a build against another LibTorch (the
# PyTorch wheel's) linked Debian's libc10.so.1.13 beside its own libc10.so, and a process with both
# aborts at start-up ("DispatchKeySet ... INTERNAL ASSERT FAILED"). Take the one beside libtorch.
if(TORCH_INSTALL_PREFIX AND c10_LIBRARY AND EXISTS "${TORCH_INSTALL_PREFIX}/lib/libc10.so")
  get_filename_component(catdpo_c10_found "${c10_LIBRARY}" REALPATH)
  get_filename_component(catdpo_c10_own "${TORCH_INSTALL_PREFIX}/lib/libc10.so" REALPATH)
  if(NOT catdpo_c10_found STREQUAL catdpo_c10_own)
    message(STATUS "c10: using ${catdpo_c10_own}, not ${c10_LIBRARY} (another LibTorch's)")
    set(catdpo_torch_libraries "")
    foreach(lib IN LISTS TORCH_LIBRARIES)
      if(lib STREQUAL c10_LIBRARY)
        set(lib "${catdpo_c10_own}")
      endif()
      list(APPEND catdpo_torch_libraries "${lib}")
    endforeach()
    set(TORCH_LIBRARIES "${catdpo_torch_libraries}")
    set(c10_LIBRARY "${catdpo_c10_own}" CACHE FILEPATH "c10 beside the LibTorch in use" FORCE)
  endif()
endif()

# torch's imported target carries TORCH_CXX_FLAGS (e.g. the C++11 ABI flag); keep them per target.
# libstdc++ comes first: the LibTorch of PyTorch's wheels carries (and exports) its own copy of
# std::filesystem, built for another libstdc++; a binary that found those first would crash in
# them. Being needed before LibTorch, the system's libstdc++ is where the loader looks first.
add_library(catdpo_torch INTERFACE)
target_link_libraries(catdpo_torch INTERFACE stdc++ ${TORCH_LIBRARIES})
target_include_directories(catdpo_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
if(CATDPO_TORCH_HAS_CUDA)
  target_compile_definitions(catdpo_torch INTERFACE CATDPO_WITH_CUDA=1)
endif()

# --- Plain C/C++ libraries ------------------------------------------------------------------
catdpo_require(nlohmann_json nlohmann-json3-dev 3.10)
catdpo_require(SQLite3 libsqlite3-dev)
catdpo_require(CLI11 libcli11-dev)
catdpo_require(ZLIB zlib1g-dev)
catdpo_require(CURL libcurl4-openssl-dev)
catdpo_require(Threads libc6-dev)
# utf8proc through pkg-config, or (a machine without pkg-config) its header and library directly;
# either way as the target catdpo_utf8proc.
add_library(catdpo_utf8proc INTERFACE)
if(PkgConfig_FOUND)
  pkg_check_modules(UTF8PROC IMPORTED_TARGET libutf8proc)
endif()
if(UTF8PROC_FOUND)
  target_link_libraries(catdpo_utf8proc INTERFACE PkgConfig::UTF8PROC)
else()
  find_path(CATDPO_UTF8PROC_INCLUDE_DIR utf8proc.h)
  find_library(CATDPO_UTF8PROC_LIBRARY utf8proc)
  if(NOT CATDPO_UTF8PROC_INCLUDE_DIR OR NOT CATDPO_UTF8PROC_LIBRARY)
    message(FATAL_ERROR "utf8proc not found. On Debian 12: sudo apt-get install libutf8proc-dev")
  endif()
  target_include_directories(catdpo_utf8proc INTERFACE "${CATDPO_UTF8PROC_INCLUDE_DIR}")
  target_link_libraries(catdpo_utf8proc INTERFACE "${CATDPO_UTF8PROC_LIBRARY}")
endif()

# --- Qt 6 and QCustomPlot (desktop app and its tests only) ------------------------------------
if(CATDPO_BUILD_GUI)
  set(CMAKE_AUTOMOC OFF)
  catdpo_require(Qt6 "qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools"
                 COMPONENTS Core Gui Widgets PrintSupport Svg Test LinguistTools)
  catdpo_require(QCustomPlotQt6 libqcustomplot-dev)
  message(STATUS "Qt ${Qt6_VERSION}, QCustomPlot (Qt 6 build) found")
elseif(CATDPO_BUILD_TESTS)
  # Qt Test drives the test suite; without Qt, configure with -DCATDPO_BUILD_TESTS=OFF (the
  # engine, the CLI, the benchmarks and engine_checks need no Qt).
  catdpo_require(Qt6 "qt6-base-dev" COMPONENTS Core Test)
endif()

# --- ccache ------------------------------------------------------------------------------------
if(CATDPO_USE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(CATDPO_CCACHE ccache)
  if(CATDPO_CCACHE)
    # The sloppiness lets ccache cache files compiled with the precompiled LibTorch header.
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND}" -E env
        "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
        "${CATDPO_CCACHE}")
  endif()
endif()
