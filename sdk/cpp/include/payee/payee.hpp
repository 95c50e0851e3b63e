#pragma once
// payee's C++ SDK: #include <payee/payee.hpp>, link payee::payee.

#include "payee/client.hpp"
#include "payee/errors.hpp"
#include "payee/http.hpp"
#include "payee/models.hpp"
#include "payee/version.hpp"
#include "payee/webhook.hpp"
