# SPDX-License-Identifier: MIT
# CPack: a Debian package with the two binaries and the desktop integration files.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "catdpo-studio")
set(CPACK_PACKAGE_VENDOR "Cat-DPO Studio developers")
set(CPACK_PACKAGE_CONTACT "Cat-DPO Studio developers <catdpo-studio@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libtorch1.13, libopenblas0-pthread, libqt6widgets6, libqt6printsupport6, libqt6svg6, libqcustomplot2.1-qt6, libsqlite3-0, libcurl4, libutf8proc2, zlib1g")
include(CPack)
