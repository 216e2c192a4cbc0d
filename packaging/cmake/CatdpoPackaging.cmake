# SPDX-License-Identifier: MIT
# CPack: a Debian package with the two binaries and the desktop integration files (installed
# by resources/CMakeLists.txt). Build it with `cmake --build <dir> --target package`.
#
# Depends comes from dpkg-shlibdeps, which maps every shared library the binaries link to the
# Debian package that ships it (LibTorch, Qt 6, QCustomPlot, SQLite, ...), plus what no linker
# sees: OpenBLAS (LibTorch reaches BLAS through the libblas.so.3 alternative, and Debian's
# reference BLAS is ~30x slower) and the Qt plugins (platforms, SVG). Binaries are stripped in the
# package (the debug info of a RelWithDebInfo build is ~40 times the code).
include(GNUInstallDirs)

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/catdpo-studio
        RENAME copyright)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "catdpo-studio")
set(CPACK_PACKAGE_VENDOR "Cat-DPO Studio developers")
set(CPACK_PACKAGE_CONTACT "Cat-DPO Studio developers <catdpo-studio@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
  "Cat-DPO Studio trains language models on preference data with Cat-DPO: direct preference
optimisation with a separate, adaptive safety margin per harm category. It runs the methods
Cat-DPO is compared with (DPO, IPO, SafeDPO, Dr.DPO, group-robust DPO, SACPO) on the same
data and shows while training which harm categories stay unsafe.
.
This package holds the desktop application catdpo-studio and the command line catdpo,
which runs the same engine without a display.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # catdpo-studio_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread")
if(CATDPO_BUILD_GUI)
  # Loaded at run time, not linked: the platform plugins and the SVG icon and image plugins.
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", qt6-qpa-plugins, libqt6svg6")
  # Wayland sessions without XWayland; German labels in Qt's own dialogs.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
endif()

# dpkg-shlibdeps can only name Debian packages: a LibTorch from an official archive (the CUDA
# build, see CATDPO_CUDA) is in none, so such a build is installed with `cmake --install`, not
# packaged.
if(NOT Torch_DIR MATCHES "^/usr/")
  message(STATUS "Packaging: LibTorch is not Debian's (${Torch_DIR}); the .deb target will fail "
                 "in dpkg-shlibdeps. Use `cmake --install` for this build.")
endif()

include(CPack)
