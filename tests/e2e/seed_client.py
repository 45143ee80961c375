# The seed's Python client ("Cliente Python"), verbatim except for host and port, which the test fills in.
import asyncio
import websockets
import json

async def client():
    uri = "ws://@HOST_PORT@/api/v1/ws?channel=sensors"
    async with websockets.connect(uri) as websocket:
        while True:
            message = await websocket.recv()
            data = json.loads(message)
            print(f"Evento recibido: {data}")

asyncio.run(client())
