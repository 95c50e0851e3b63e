# frozen_string_literal: true

require "test_helper"
require "socket"

# One client shared by threads, its NetHttpClient keeping connections alive, against a real
# HTTP/1.1 server that answers after 300 ms.
class ThreadsTest < Minitest::Test
  def setup
    @server = TCPServer.new("127.0.0.1", 0)
    @connections = Queue.new
    @accepting = Thread.new do
      loop do
        socket = @server.accept
        @connections << socket
        Thread.new(socket) { |s| serve(s) }
      end
    rescue IOError
      nil # closed by teardown
    end
    @payee = Payee::Client.new(api_key: "pk", base_url: "http://127.0.0.1:#{@server.addr[1]}/live", max_retries: 0)
  end

  def teardown
    @server.close
    @accepting.join
  end

  def test_calls_on_four_threads_go_together_on_kept_connections
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    pay_nos = Array.new(4) { |i| Thread.new { [@payee.payments.retrieve("P#{i}"), @payee.payments.retrieve("Q#{i}")].map(&:pay_no) } }.map(&:value)
    took = Process.clock_gettime(Process::CLOCK_MONOTONIC) - started
    assert_equal 4.times.map { |i| ["P#{i}", "Q#{i}"] }, pay_nos
    assert_operator took, :<, 1.5, "8 calls of 0.3 s on 4 threads"
    assert_equal 4, @connections.size, "each thread's second call reused a connection"
  end

  def test_a_dropped_answer_is_a_connection_error
    error = assert_raises(Payee::APIConnectionError) { @payee.payments.retrieve("drop") }
    assert_match "GET /live/v1/payments/drop failed", error.message
  end

  private

  def serve(socket)
    while (line = socket.gets)
      length = 0
      while (header = socket.gets) && header != "\r\n"
        length = header.split(":", 2).last.to_i if header.downcase.start_with?("content-length")
      end
      socket.read(length) if length.positive?
      pay_no = line.split[1].split("/").last
      return socket.close if pay_no == "drop"

      sleep 0.3
      body = JSON.generate(Fixtures.payment(pay_no))
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: #{body.bytesize}\r\n\r\n#{body}")
    end
  rescue IOError, SystemCallError
    nil
  ensure
    socket.close unless socket.closed?
  end
end
