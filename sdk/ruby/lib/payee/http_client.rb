# frozen_string_literal: true

require "net/http"
require "openssl"

module Payee
  # One HTTP answer: its status, headers (names lower-cased) and body.
  HttpResponse = Struct.new(:status, :headers, :body, keyword_init: true)

  # net/http with its connections kept alive: a pool of started Net::HTTP sessions per host, each
  # used by one thread at a time, so one client serves any number of threads. Replace it with
  # any object answering #request(method, url, headers, body, timeout) the same way (a proxy, a
  # recorder in your tests); it raises Payee::APIConnectionError when there was no answer.
  class NetHttpClient
    # Errors that mean there was no (whole) answer.
    CONNECTION_ERRORS = [SocketError, SystemCallError, IOError, EOFError, Timeout::Error, OpenSSL::SSL::SSLError,
                         Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout, Net::HTTPBadResponse].freeze

    # +configure+ is called with each new Net::HTTP before it starts (a proxy, CA file, ...).
    def initialize(open_timeout: 30, &configure)
      @open_timeout = open_timeout
      @configure = configure
      @idle = Hash.new { |h, k| h[k] = [] }
      @lock = Mutex.new
      @origins = {}
    end

    def request(method, url, headers, body, timeout)
      # The origin's URI is parsed once; the path and query go as they are (the SDK encoded them).
      origin, path = url.match(%r{\A([a-z][a-z0-9+.-]*://[^/?#]+)(.*)\z}i)&.captures || raise(ArgumentError, "payee: not a URL: #{url}")
      uri = @origins[origin] ||= URI(origin)
      key = [uri.scheme, uri.host, uri.port]
      http = checkout(key, uri, timeout)
      begin
        request = Net::HTTPGenericRequest.new(method, !body.nil?, true, path.empty? ? "/" : path, headers)
        request.body = body unless body.nil?
        response = http.request(request)
      rescue *CONNECTION_ERRORS => e
        http.finish if http.started?
        raise APIConnectionError.new("payee: #{method} #{path.split('?').first} failed: #{e.class}: #{e.message}", type: "connection")
      end
      @lock.synchronize { @idle[key] << http }
      HttpResponse.new(status: response.code.to_i, headers: response.to_hash.transform_values { |v| v.join(", ") }, body: response.body.to_s)
    end

    # Closes every idle connection.
    def close
      @lock.synchronize do
        @idle.each_value { |list| list.each { |http| http.finish if http.started? } }
        @idle.clear
      end
    end

    private

    def checkout(key, uri, timeout)
      http = @lock.synchronize { @idle[key].pop }
      unless http
        http = Net::HTTP.new(uri.host, uri.port)
        http.use_ssl = uri.scheme == "https"
        # keep_alive_timeout stays net/http's 2 s: a session idle longer is reconnected, not
        # written to, so a socket the server closed (or that a frozen Lambda kept) is not used.
        @configure&.call(http)
      end
      http.open_timeout = [@open_timeout, timeout].min
      http.read_timeout = timeout
      http.write_timeout = timeout
      # A GET on a kept connection that the server closed meanwhile is sent again once by net/http.
      http.max_retries = 1
      begin
        http.start unless http.started?
      rescue *CONNECTION_ERRORS => e
        raise APIConnectionError.new("payee: connecting to #{uri.host}:#{uri.port} failed: #{e.class}: #{e.message}", type: "connection")
      end
      http
    end
  end
end
